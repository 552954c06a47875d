// Only here so that SwiftPM runs `pkg-config icu-i18n` and passes ICU's compiler and linker flags to
// the targets that depend on this one. Swift code never imports ICU's headers (see CICU).
