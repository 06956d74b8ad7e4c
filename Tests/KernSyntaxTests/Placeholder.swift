import Testing

@Test func placeholder_KernSyntaxTests() { #expect(Bool(true)) }
