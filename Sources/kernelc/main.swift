// kernelc: the Kern command-line compiler. Placeholder.
print("kernelc")
