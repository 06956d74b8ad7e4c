import Testing

@Test func placeholder_KernTests() { #expect(Bool(true)) }
