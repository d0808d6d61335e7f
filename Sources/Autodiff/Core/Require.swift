/// Checks a programming-error condition in every build configuration.
///
/// The engine is compiled with `-Ounchecked`, which removes `precondition`;
/// shape mismatches must still stop the program with a message naming the op,
/// so they are checked once per op here (never per element).
@inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
