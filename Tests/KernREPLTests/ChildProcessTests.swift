import Foundation
import KernCLITestSupport
import Testing

/// The tests' one way to run a child process (Tests/KernCLITestSupport/ChildProcess.swift).
@Suite struct ChildProcessTests {
    @Test func bothStreamsAreDrainedAtOnce() throws {
        // 256 KiB on each stream: more than a pipe holds, so reading one stream to its
        // end before the other would deadlock.
        let r = try ChildProcess.run(
            "/bin/sh", ["-c", "head -c 262144 /dev/zero; head -c 262144 /dev/zero >&2; exit 3"])
        #expect(r.out.utf8.count == 262_144)
        #expect(r.err.utf8.count == 262_144)
        #expect(r.status == 3 && !r.signaled)
    }

    @Test func environmentInputDirectoryAndMergedErrors() throws {
        setenv("KERN_CHILD_PROCESS_TEST", "inherited", 1)
        defer { unsetenv("KERN_CHILD_PROCESS_TEST") }
        let script = "echo ${KERN_CHILD_PROCESS_TEST:-unset} $EXTRA; pwd; cat; echo oops >&2"
        let r = try ChildProcess.run(
            "/bin/sh", ["-c", script],
            environment: ["KERN_CHILD_PROCESS_TEST": nil, "EXTRA": "set"], directory: "/",
            input: "typed\n", mergingErrors: true)
        #expect(r.out == "unset set\n/\ntyped\noops\n")
        #expect(r.err.isEmpty)
        let inherited = try ChildProcess.run("/bin/sh", ["-c", "echo $KERN_CHILD_PROCESS_TEST"])
        #expect(inherited.out == "inherited\n")
        let bare = try ChildProcess.run(
            "/bin/sh", ["-c", "echo ${KERN_CHILD_PROCESS_TEST:-none}"],
            inheritingEnvironment: false)
        #expect(bare.out == "none\n")
    }

    @Test func aSignalIsReportedAsOne() throws {
        // SIGKILL: Foundation starts children with most other signals blocked.
        let r = try ChildProcess.run("/bin/sh", ["-c", "kill -KILL $$"])
        #expect(r.signaled)
        #expect(r.status == SIGKILL)
    }
}
