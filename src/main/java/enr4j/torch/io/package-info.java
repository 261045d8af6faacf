/**
 * PyTorch {@code .pt} and safetensors files, read without running pickled code.
 *
 * <p>Internal: the supported API is {@link enr4j.api}; this package may change in any release.
 */
package enr4j.torch.io;
