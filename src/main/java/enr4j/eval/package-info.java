/**
 * The PSNR/SSIM evaluation protocol, reports and novel-view jobs.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.eval;
