/**
 * {@code enr demo}: the bundled model and examples.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.demo;
