/// Column label of this build of SwiftUnsafeSuite.swift.
let suiteLabel = "Swift unsafe -Ounchecked"
