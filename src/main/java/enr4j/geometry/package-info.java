/**
 * Camera poses, rotations (the reference's azimuth/elevation conventions), rigid scene transforms and volume resampling.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.geometry;
