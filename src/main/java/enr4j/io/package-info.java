/**
 * Atomic files and folders, recursive deletes and strict JSON reading.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.io;
