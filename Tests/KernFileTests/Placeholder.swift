import Testing

@Test func placeholder_KernFileTests() { #expect(Bool(true)) }
