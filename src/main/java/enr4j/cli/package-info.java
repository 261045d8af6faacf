/**
 * The {@code enr} command line: one picocli command per class.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.cli;
