// ASan harness for KernJIT/ELFObject.swift (scripts/asan-elf-object.sh): real compile-cache
// objects, truncated and randomly damaged; every parse must end without a memory error.
import Foundation

var parsed = 0, refused = 0
let files = CommandLine.arguments.dropFirst()
var rng = SystemRandomNumberGenerator()
func exercise(_ bytes: [UInt8]) {
    if let elf = ELFObject(bytes) {
        parsed += 1
        var n = 0
        for s in elf.sections { n &+= s.size &+ s.offset }
        for s in elf.symbols { n &+= s.name.utf8.count }
        for (_, list) in elf.relocations { for r in list { n &+= r.symbol } }
        if n == 42 { print("") }
    } else { refused += 1 }
}
for path in files {
    let object = [UInt8](FileManager.default.contents(atPath: path)!)
    precondition(ELFObject(object) != nil, "\(path) must parse")
    for n in stride(from: 0, to: object.count, by: max(1, object.count / 64)) { exercise(Array(object.prefix(n))) }
    for _ in 0..<400 {
        var copy = object
        for _ in 0..<Int.random(in: 1...16, using: &rng) {
            copy[Int.random(in: 0..<copy.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
        exercise(copy)
    }
}
print("objects \(files.count): parsed \(parsed), refused \(refused)")
