import Foundation
import KernCLITestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kernelc` as a process with its output going where users send it (issues 20 and 15.4):
/// files of every kind behind `-o`, a full device, closed streams, a pipe whose reader
/// leaves. Each case: the right exit status, never a signal, nothing clobbered.
@Suite(.serialized)
struct OutputErrorTests {
    /// A scratch directory holding the test programs.
    let dir: String = {
        let dir = NSTemporaryDirectory() + "kern-output-errors-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let programs = [
            "hello.kern": "func main() { print(\"hello\") }\n",
            "answer.kern": "func main() -> Int { 42 }\n",
            "many.kern": "func main() { for i in 0..<200000 { print(i) } }\n",
            "fails.kern": "func main() -> Int { let a = [1, 2]\n return a[5] }\n",
            "kernel.kern": "func twice(x: Double) -> Double { x * 2 }\n",
        ]
        for (name, text) in programs {
            try? text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        return dir
    }()

    /// Runs a /bin/sh script in `dir` with `$K` the built kernelc; `exec` in the script
    /// makes kernelc the process whose status (or signal) is reported.
    func sh(_ script: String) throws -> ChildProcess.Result {
        let binary = try FileManagerTemp.requireKernelc()
        return try ChildProcess.run(
            "/bin/sh", ["-c", script], environment: ["K": binary, "KERN_HISTORY": ""],
            directory: dir)
    }

    // MARK: - `-o` targets (issue 20)

    @Test func outputThroughASymlinkKeepsTheLink() throws {
        let r = try sh(
            """
            rm -rf build link.ll && mkdir build && echo stale > build/out.ll && ln -s build/out.ll link.ll
            "$K" build kernel.kern --emit llvm -o link.ll || exit 9
            test -L link.ll && grep -q 'define' build/out.ll
            """)
        #expect(r.status == 0, "\(r.err)")
    }

    @Test func outputIntoAFIFOReachesItsReader() throws {
        let r = try sh(
            """
            rm -f fifo got.txt && mkfifo fifo
            cat fifo > got.txt &
            "$K" report kernel.kern -o fifo || exit 9
            wait
            test -p fifo && grep -q 'twice' got.txt
            """)
        #expect(r.status == 0, "\(r.err)")
    }

    @Test func outputToAPseudoTerminalWritesTheDevice() throws {
        try withPseudoTerminal { name, readBack in
            let r = try sh("exec \"$K\" build kernel.kern --emit kir -o \(name)")
            #expect(r.status == 0 && !r.signaled, "\(r.err)")
            #expect(readBack().contains("twice"))
            var info = stat()
            stat(name, &info)
            #expect(info.st_mode & S_IFMT == S_IFCHR)
        }
    }

    @Test func outputToAFullDeviceIsStatusOne() throws {
        let r = try sh("exec \"$K\" build kernel.kern --emit obj -o /dev/full")
        #expect(r.status == 1 && !r.signaled)
        #expect(r.err.contains("error: cannot write '/dev/full': no space left on device"))
        var info = stat()
        stat("/dev/full", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func outputUnderARegularFileOrIntoADirectoryIsStatusOne() throws {
        // A path under a regular file fails for root too (tests run as root).
        let r = try sh(
            """
            echo keep > plain
            "$K" build kernel.kern --emit kir -o plain/out.kir; echo "status $?"
            "$K" report kernel.kern -o .; echo "status $?"
            "$K" build kernel.kern --emit kir -o missing-dir/out.kir; echo "status $?"
            cat plain
            """)
        #expect(r.out == "status 1\nstatus 1\nstatus 1\nkeep\n")
        #expect(
            r.err.contains("cannot write 'plain/out.kir': a part of the path is not a directory"))
        #expect(r.err.contains("cannot write '.': is a directory"))
        #expect(r.err.contains("cannot write 'missing-dir/out.kir': no such directory"))
    }

    // MARK: - Standard streams (issue 15.4)

    @Test func fullStandardOutputIsStatusOneWithAMessage() throws {
        for program in ["hello.kern", "answer.kern"] {
            let r = try sh("exec \"$K\" run \(program) > /dev/full")
            #expect(r.status == 1 && !r.signaled, "\(program)")
            #expect(r.err == "error: cannot write standard output: no space left on device\n")
        }
        let build = try sh("exec \"$K\" build kernel.kern --emit kir > /dev/full")
        #expect(build.status == 1 && !build.signaled)
        let help = try sh("exec \"$K\" --help > /dev/full")
        #expect(help.status == 1 && !help.signaled)
    }

    @Test func fullOrClosedStandardErrorIsStatusOneNotASignal() throws {
        for redirect in ["2>/dev/full", "2>&-"] {
            let failing = try sh("exec \"$K\" run fails.kern \(redirect)")
            #expect(failing.status == 1 && !failing.signaled, "\(redirect)")
            let missing = try sh("exec \"$K\" check no-such-file.kern \(redirect)")
            #expect(missing.status == 1 && !missing.signaled, "\(redirect)")
            // Output still works when only stderr is gone.
            let fine = try sh("exec \"$K\" run hello.kern \(redirect)")
            #expect(fine.status == 0 && fine.out == "hello\n", "\(redirect)")
        }
    }

    @Test func closedStandardOutputIsStatusOne() throws {
        let r = try sh("exec \"$K\" run hello.kern >&-")
        #expect(r.status == 1 && !r.signaled)
        #expect(r.err.hasPrefix("error: cannot write standard output"))
    }

    @Test func aReaderThatLeavesEndsTheRunWithStatusOneNotSIGPIPE() throws {
        let r = try sh(
            """
            { "$K" run many.kern; echo $? > status.txt; } | head -1
            cat status.txt
            """)
        #expect(r.out == "0\n1\n")
        // EPIPE is the reader's choice: status 1 without a message.
        #expect(r.err.isEmpty)
    }

    /// A usage error is status 1 with ArgumentParser's message and usage line on stderr
    /// (not its status 64); help goes to stdout with status 0.
    @Test func usageErrorIsStatusOneWithTheMessage() throws {
        let r = try sh("exec \"$K\" run hello.kern --no-such-flag")
        #expect(r.status == 1 && !r.signaled)
        #expect(r.err.contains("Unknown option '--no-such-flag'"), "\(r.err)")
        #expect(r.err.contains("Usage: kernelc run"), "\(r.err)")
        let help = try sh("exec \"$K\" --help")
        #expect(help.status == 0 && help.out.contains("USAGE: kernelc"), "\(help.out)")
    }

    // MARK: - Targets (issue 15.3; the names asserted are x86-64 ones)

    #if arch(x86_64)

        @Test func unknownOr32BitTargetCPUIsAnErrorListingValidOnes() throws {
            for cpu in ["garbage", "i386"] {
                let r = try sh("exec \"$K\" run hello.kern --target-cpu \(cpu)")
                #expect(r.status == 1 && !r.signaled, "\(cpu)")
                #expect(r.err.contains("unknown target CPU '\(cpu)'"), "\(r.err)")
                #expect(r.err.contains("valid CPUs:") && r.err.contains("x86-64-v3"))
                #expect(!r.err.contains("LLVM ERROR"))
            }
        }

        @Test func unknownTargetFeatureIsAnError() throws {
            let r = try sh("exec \"$K\" build kernel.kern --emit asm --target-features +garbage")
            #expect(r.status == 1 && !r.signaled)
            #expect(r.err.contains("unknown target feature 'garbage'") && r.err.contains("avx2"))
        }
    #endif
}
