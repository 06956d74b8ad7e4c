/// Unchecked mode (`--unchecked`): drops every `check.bounds`. In: a verified module.
/// Out: the same module without bounds checks; divisor, precondition and stride checks
/// stay, because the team decided those are checked in every mode. Out-of-bounds
/// accesses then are undefined behaviour, as LANGUAGE.md §5 says.
@discardableResult
public func removeBoundsChecks(_ m: inout Module) -> PassStatistics {
    var stats = PassStatistics(pass: "remove-bounds-checks")
    for id in m.functions.ids {
        let removed = filterInstructions(&m.functions[id].body) { !isBoundsCheck($0) }
        stats.functions.append(.init(function: m.functions[id].name, removed: removed, kept: 0))
    }
    return stats
}
