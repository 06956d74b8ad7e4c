import Foundation
import Kern
import Testing

/// Every file test's code loaded from the compile cache by the in-process linker
/// (ObjectLinker: a hit needs no LLVM) and by ORC, with the same output as the file
/// expects. One temporary cache for the suite: the first run of a file compiles and
/// stores its code, the second links the stored objects with ObjectLinker, the third
/// with ORC.
@Suite(.serialized)
struct CachedLinkTests {
    static let cache = FileManager.default.temporaryDirectory
        .appendingPathComponent("kern-cached-link-\(getpid())").path

    @Test(arguments: FileTests.cases.filter { !$0.isCompileFailure })
    func cachedObjectsLinkWithoutLLVMLikeORC(_ file: CaseFile) throws {
        var settings = KernCache.settings(environment: [:])
        settings.directory = Self.cache
        settings.enabled = true
        KernCache.overrideSettings(settings)
        defer {
            KernCache.overrideSettings(nil)
            KernCache.linkHitsWithORC(false)
        }
        // Each run's module is released before the next: a live module would be reused.
        let stored = try JITRun.run(file) { module in
            #expect(!module.linkedWithoutLLVM.contains(true), "a miss links with ORC")
        }
        let linked = try JITRun.run(file) { module in
            #expect(!module.linkedWithoutLLVM.isEmpty)
            #expect(
                module.linkedWithoutLLVM.allSatisfy { $0 },
                "every hit links without LLVM: \(module.linkedWithoutLLVM)")
        }
        KernCache.linkHitsWithORC(true)
        let orc = try JITRun.run(file) { module in
            #expect(!module.linkedWithoutLLVM.contains(true))
        }
        #expect(linked == orc)
        #expect(linked == stored)
        FileTests().check(linked, against: file, engine: "ObjectLinker")
    }
}
