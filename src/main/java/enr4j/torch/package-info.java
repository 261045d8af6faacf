/**
 * Thin libtorch helpers: runtime settings, tensors, precision, SSIM, which native build is loaded.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.torch;
