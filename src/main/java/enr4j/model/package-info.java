/**
 * The neural renderer and its layers (parameter names equal the reference's state_dict keys), model configs and model files.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.model;
