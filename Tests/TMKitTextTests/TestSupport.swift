import Testing
import TMKitText

/// The `TMKitError` that `body` throws, nil when it throws nothing; any other error is recorded
/// as a test failure (every user-facing failure must be a `TMKitError`).
func thrownTMKitError(_ body: () throws -> Void) -> TMKitError? {
    do {
        try body()
        return nil
    } catch let error as TMKitError {
        return error
    } catch {
        Issue.record("not a TMKitError: \(error)")
        return nil
    }
}
