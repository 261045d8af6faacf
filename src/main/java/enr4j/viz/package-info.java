/**
 * Images, GIFs, camera paths and loss plots: no model, no HTTP.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.viz;
