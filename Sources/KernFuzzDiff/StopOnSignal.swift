import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lets a long campaign be stopped early and still count: after the first SIGINT or
/// SIGTERM `requested` is true (the supervisor then stops its workers as at the end of its
/// time, at their next batch boundary, and saves its findings and writes its ledger line,
/// whose `next` is the first unfinished batch); a second one ends the process at once with
/// status 130. The workers do not see a terminal's Ctrl-C: Foundation's `Process` starts
/// each child in its own process group.
///
/// A plain `sigaction` handler that only counts (async-signal-safe), rather than a
/// Dispatch signal source: the signals are also unblocked here, since a parent may have
/// started this process with them blocked (a test runner's thread does), and the
/// supervisor's loops poll `requested` between batches anyway.
enum StopOnSignal {
    private static let signals = [SIGINT, SIGTERM]

    /// Installs the handlers (idempotent).
    static func install() {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = countSignal
        #else
            action.__sigaction_u.__sa_handler = countSignal
        #endif
        sigemptyset(&action.sa_mask)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals {
            sigaction(number, &action, nil)
            sigaddset(&unblock, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether a stop was asked for.
    static var requested: Bool { stopSignals.load(ordering: .relaxed) > 0 }
}

/// How many stop signals arrived (`StopOnSignal`).
private let stopSignals = Atomic<Int>(0)

private func countSignal(_: Int32) {
    if stopSignals.add(1, ordering: .relaxed).newValue > 1 { _exit(130) }
}
