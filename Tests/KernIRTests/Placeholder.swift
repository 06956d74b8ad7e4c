import Testing

@Test func placeholder_KernIRTests() { #expect(Bool(true)) }
