/**
 * The training loop, its config, losses, optimizer, checkpoints and run folders.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.train;
