/**
 * The dataset format: reading, validation, preprocessing (centre crop, PIL-style resize), image stores and batches.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.data;
