/**
 * Data-parallel collectives over libtorch's c10d process groups.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.torch.dist;
