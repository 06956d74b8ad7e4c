import Testing

@testable import Kern

/// The archive writer behind `kernelc build --emit lib`: the GNU/System V layout linkers
/// read (the AOT tests link real archives; this checks the bytes).
struct StaticArchiveTests {
    @Test func indexPointsAtEachMembersHeader() {
        let archive = StaticArchive.bytes([
            .init(name: "a.o", bytes: [1, 2, 3], symbols: ["heat_f", "heat_g"]),
            .init(name: "dispatch.o", bytes: [4, 5], symbols: ["heat_cpu_level"]),
        ])
        #expect(Array(archive[0..<8]) == Array("!<arch>\n".utf8))
        func text(_ range: Range<Int>) -> String {
            String(decoding: archive[range], as: UTF8.self)
        }
        func word(_ at: Int) -> Int {
            archive[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        // The index member "/": count, offsets, names.
        #expect(text(8..<24) == "/" + String(repeating: " ", count: 15))
        #expect(text(66..<68) == "`\n")
        let indexSize = Int(text(56..<66).trimmingCharacters(in: .whitespaces))!
        #expect(indexSize == 4 + 3 * 4 + "heat_f\0heat_g\0heat_cpu_level\0".utf8.count)
        #expect(word(68) == 3)
        let first = word(72), second = word(76), third = word(80)
        #expect(first == second && first == 68 + indexSize + indexSize % 2)
        #expect(text(first..<first + 4) == "a.o/")
        // Odd member sizes are padded to an even offset.
        #expect(third == first + 60 + 4)
        #expect(text(third..<third + 11) == "dispatch.o/")
        #expect(Array(archive[third + 60..<third + 62]) == [4, 5])
        #expect(archive.count == third + 62)
    }
}
