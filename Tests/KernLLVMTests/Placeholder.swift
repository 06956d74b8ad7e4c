import Testing

@Test func placeholder_KernLLVMTests() { #expect(Bool(true)) }
