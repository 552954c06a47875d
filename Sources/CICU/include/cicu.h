// A small C face over system ICU for Swift.
//
// ICU's own headers cannot be imported into Swift on Linux: their function names are macros over
// versioned symbols (ubrk_open → ubrk_open_72) and Foundation carries a private ICU whose
// UErrorCode clashes with the system one. This header therefore uses only <stdint.h> types and
// opaque handles; the .c files include ICU.
//
// Conventions
// - Text crosses the boundary as UTF-8 (`const char *` + byte length) unless a function says
//   UTF-16. Offsets are UTF-8 byte offsets.
// - Every function that can fail takes `int32_t *status`, an ICU UErrorCode. Callers start it at
//   0. A positive value is a failure; a negative one is an ICU warning (for instance
//   U_USING_DEFAULT_WARNING when "ko" has no tailored rules) and is not a failure.
// - Every `*_open` has a matching `*_close`; a failed open returns NULL and frees what it took.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The symbolic name of an ICU error code, such as "U_ILLEGAL_ARGUMENT_ERROR".
const char *tmk_icu_error_name(int32_t status);

/// The ICU version, such as "72.1".
void tmk_icu_version(char *out, int32_t capacity);

// MARK: - Break iteration over UTF-8

enum {
    TMK_BREAK_CHARACTER = 0,
    TMK_BREAK_WORD = 1,
    TMK_BREAK_LINE = 2,
    TMK_BREAK_SENTENCE = 3,
};

typedef struct tmk_break tmk_break;

/// Opens a break iterator of `kind` for an ICU locale ID ("en", "ko", "en@ss=standard").
tmk_break *tmk_break_open(int32_t kind, const char *locale, int32_t *status);
void tmk_break_close(tmk_break *iterator);

/// Points the iterator at UTF-8 text. The text is not copied: it must outlive the iteration.
void tmk_break_set_utf8(tmk_break *iterator, const char *text, int64_t length, int32_t *status);

/// Writes up to `capacity` boundaries after the current position (UTF-8 offsets, ascending) and,
/// when `statuses` is not NULL, the rule status of each (for word breaks: 0 none, 100–199
/// number, 200–299 letter, 300–399 kana, 400–499 ideograph). Returns how many were written;
/// fewer than `capacity` means the end was reached. The first call starts at offset 0 and does not
/// report it.
int64_t tmk_break_collect(tmk_break *iterator, int64_t *offsets, int32_t *statuses, int64_t capacity);

// MARK: - Sentence segmentation with rules

typedef struct tmk_segmenter tmk_segmenter;

/// Opens a sentence segmenter: ICU sentence boundaries for `locale` (with `@ss=standard` ICU
/// suppresses breaks after the locale's known abbreviations) plus ordered SRX-style rules.
tmk_segmenter *tmk_segmenter_open(const char *locale, int32_t *status);
void tmk_segmenter_close(tmk_segmenter *segmenter);

/// Appends a rule. `before` must match text ending at a position and `after` text starting there
/// (ICU regular expressions, UTF-8). Rules are tried in the order they were added; the first that
/// matches decides (break or not); where no rule matches, ICU decides.
/// On a pattern error returns 0 and sets `errorPart` (0 before, 1 after), `errorLine` and
/// `errorOffset` (1-based line, 0-based code point offset within that line of the pattern).
int32_t tmk_segmenter_add_rule(tmk_segmenter *segmenter, int32_t isBreak,
                               const char *before, int32_t beforeLength,
                               const char *after, int32_t afterLength,
                               int32_t *status, int32_t *errorPart, int32_t *errorLine,
                               int32_t *errorOffset);

/// Appends a rule whose `before` is one of a set of literal strings (newline-separated UTF-8),
/// optionally preceded by a word boundary: the fast form of `\b(?:Dr|Mr|Mrs)\.`. `before` is the
/// rule's original pattern (used to find where a break rule applies). Same errors as above.
int32_t tmk_segmenter_add_literal_rule(tmk_segmenter *segmenter, int32_t isBreak,
                                       const char *literals, int32_t literalsLength,
                                       int32_t wordBoundary, const char *before, int32_t beforeLength,
                                       const char *after, int32_t afterLength, int32_t *status,
                                       int32_t *errorPart, int32_t *errorLine, int32_t *errorOffset);

/// Tells the segmenter which characters a match of the last added break rule can start with
/// (UTF-8; BMP characters only), so it looks for the rule only there. Optional.
void tmk_segmenter_set_starters(tmk_segmenter *segmenter, const char *starters, int32_t length);

/// The set (ICU UnicodeSet pattern) the second character of a match of the last added break rule
/// must belong to, checked before the regex engine runs at a starting character. Optional.
void tmk_segmenter_set_scan_second(tmk_segmenter *segmenter, const char *set);

/// The set (ICU UnicodeSet pattern) the second character after the break must belong to for the
/// last added break rule (`[\s\d]` for an `after` of `\s+\d`), checked before its matcher runs
/// when the rule is found from its last character. Optional; ignored for no-break rules.
void tmk_segmenter_set_after_second(tmk_segmenter *segmenter, const char *set);

/// Gives the segmenter cheap necessary conditions for the last added rule (ICU UnicodeSet
/// patterns, UTF-8; NULL when any character may stand there): the last and second-to-last
/// characters before a position where its `before` can match, and the first character after it
/// where its `after` can. Positions that fail them are not handed to the regex engine. Returns 0
/// when a set does not compile (the rule then stays unfiltered).
int32_t tmk_segmenter_set_filters(tmk_segmenter *segmenter, const char *last, const char *secondLast,
                                  const char *firstAfter);

/// Segments UTF-8 text (which must be valid UTF-8). Returns the number of sentences and sets
/// `*ranges` to `3 × count` values, owned by the segmenter and valid until the next call: for
/// each sentence its UTF-8 start and end (the white space around it left out) and a flag, 1 when
/// it holds white space other than single spaces (tabs, line breaks, runs), which the caller
/// folds. A piece with no letter or digit (a stray quote, a dash) is joined to the sentence before
/// it.
int64_t tmk_segmenter_run(tmk_segmenter *segmenter, const char *text, int64_t length,
                          const int64_t **ranges, int32_t *status);

// MARK: - Normalization, case folding (UTF-16 in and out)

enum {
    TMK_NFC = 0,
    TMK_NFD = 1,
    TMK_NFKC = 2,
    TMK_NFKD = 3,
    TMK_NFKC_CASEFOLD = 4,
};

/// Normalizes UTF-16 `source` into `dest`. Returns the length needed; when it is larger than
/// `capacity` the status is U_BUFFER_OVERFLOW_ERROR and the caller retries with more room.
int32_t tmk_normalize(int32_t form, const uint16_t *source, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status);

/// 1 when `source` is already in `form` (a quick check that avoids a copy), else 0.
int32_t tmk_is_normalized(int32_t form, const uint16_t *source, int32_t length, int32_t *status);

/// Full Unicode case folding (default mappings). Same buffer protocol as `tmk_normalize`.
int32_t tmk_fold_case(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity,
                      int32_t *status);

// MARK: - Transliteration

typedef struct tmk_translit tmk_translit;

/// Opens a system transform by ID ("Hangul-Latin", "Any-Latin; Latin-ASCII") or, when `rules` is
/// not NULL, compiles transform rules (UTF-16) under the name `id`. On a rule error sets
/// `errorLine` (1-based) and `errorOffset` (0-based, within that line) and returns NULL.
tmk_translit *tmk_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                                int32_t rulesLength, int32_t *status, int32_t *errorLine,
                                int32_t *errorOffset);
void tmk_translit_close(tmk_translit *translit);

/// Registers a transform compiled from rules so that later IDs (also compound ones) can name it.
/// Takes ownership of `translit`.
void tmk_translit_register(tmk_translit *translit, int32_t *status);

/// Transliterates UTF-16 `text` in place in a buffer of `capacity` units holding `length` units.
/// Returns the new length; when it exceeds `capacity` the status is U_BUFFER_OVERFLOW_ERROR.
int32_t tmk_translit_run(tmk_translit *translit, uint16_t *text, int32_t length, int32_t capacity,
                         int32_t *status);

// MARK: - Locales and BCP 47 language tags

/// Parses a BCP 47 tag into a canonical ICU locale ID. Sets `*parsedLength` to how many bytes of
/// `tag` were understood (less than its length means a malformed tag). Returns the ID length.
int32_t tmk_locale_from_tag(const char *tag, char *localeID, int32_t capacity, int32_t *parsedLength,
                            int32_t *status);
/// The canonical BCP 47 form of an ICU locale ID ("ko_KP" → "ko-KP"). Strict: fails on an ID
/// that has no valid tag.
int32_t tmk_locale_to_tag(const char *localeID, char *tag, int32_t capacity, int32_t *status);
/// Language, script and region subtags of an ICU locale ID (empty when absent).
int32_t tmk_locale_language(const char *localeID, char *out, int32_t capacity, int32_t *status);
int32_t tmk_locale_script(const char *localeID, char *out, int32_t capacity, int32_t *status);
int32_t tmk_locale_region(const char *localeID, char *out, int32_t capacity, int32_t *status);
/// 1 when ICU knows `language` (a 2- or 3-letter ISO 639 code), else 0.
int32_t tmk_locale_is_known_language(const char *language);
/// Adds likely subtags ("ko" → "ko_Kore_KR").
int32_t tmk_locale_maximize(const char *localeID, char *out, int32_t capacity, int32_t *status);
/// The display name of a locale in another ("ko" in "en" → "Korean").
int32_t tmk_locale_display_name(const char *localeID, const char *inLocale, char *out,
                                int32_t capacity, int32_t *status);

// MARK: - Scripts

/// The ISO 15924 code ("Hang", "Latn", "Zyyy") of a code point's Script property.
const char *tmk_script_code(uint32_t codePoint);
/// The Script property value as an ICU UScriptCode number (0 Common, 1 Inherited, 25 Latin, ...).
int32_t tmk_script_of(uint32_t codePoint);

// MARK: - Collation

typedef struct tmk_collator tmk_collator;

tmk_collator *tmk_collator_open(const char *locale, int32_t *status);
void tmk_collator_close(tmk_collator *collator);
/// -1, 0 or 1, comparing two UTF-8 strings.
int32_t tmk_collator_compare(tmk_collator *collator, const char *a, int32_t aLength, const char *b,
                             int32_t bLength, int32_t *status);
/// A sort key: byte strings that compare with memcmp as the strings collate. Returns the length
/// needed (including the terminating zero); a larger value than `capacity` means retry.
int32_t tmk_collator_sort_key(tmk_collator *collator, const uint16_t *text, int32_t length,
                              uint8_t *key, int32_t capacity);

// MARK: - Legacy character sets

/// Converts bytes in a legacy character set (an ICU converter name or alias such as "EUC-KR",
/// "windows-949", "windows-1252", "Shift_JIS") to UTF-8. Returns a malloc'd buffer the caller
/// frees with `tmk_free` and sets `*outLength`, or NULL on failure with `*status` set
/// (U_FILE_ACCESS_ERROR: ICU has no such converter).
/// With `lossy` 0, the first byte sequence that is invalid or has no Unicode mapping stops the
/// conversion (status U_ILLEGAL_CHAR_FOUND or U_INVALID_CHAR_FOUND) and `*firstBad` is its byte
/// offset. With `lossy` 1 such sequences become U+FFFD; `*replaced` counts their bytes and
/// `*firstBad` is the first one's offset (-1 when none).
char *tmk_convert_to_utf8(const char *charset, const char *source, int64_t length, int32_t lossy,
                          int64_t *outLength, int64_t *replaced, int64_t *firstBad, int32_t *status);

/// Frees a buffer returned by this library.
void tmk_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
