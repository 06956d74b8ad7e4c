// kernelc: the Kern command-line compiler. The commands live in KernCLI.
import KernCLI

Kernelc.runProcess()
