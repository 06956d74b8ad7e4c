/// Column label of this build of SwiftUnsafeSuite.swift (shared with SwiftUnsafePeers).
let suiteLabel = "Swift unsafe -Ounchecked native"
