import Testing

@Test func placeholder_KernSemaTests() { #expect(Bool(true)) }
