import Testing

@Test func placeholderUntilEndToEndTestsLand() {}
