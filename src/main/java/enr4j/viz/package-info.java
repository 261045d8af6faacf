/**
 * Images, GIFs, camera paths, loss plots and the local web viewer.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.viz;
