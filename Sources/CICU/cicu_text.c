// Normalization, case folding, transliteration, locales, scripts and collation.
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utypes.h>

// MARK: - Normalization and case folding

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *code) {
    switch (form) {
    case TMK_NFC: return unorm2_getNFCInstance(code);
    case TMK_NFD: return unorm2_getNFDInstance(code);
    case TMK_NFKC: return unorm2_getNFKCInstance(code);
    case TMK_NFKD: return unorm2_getNFKDInstance(code);
    case TMK_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(code);
    default: *code = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t tmk_normalize(int32_t form, const uint16_t *source, int32_t length, uint16_t *dest,
                      int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    int32_t result = unorm2_normalize(n, (const UChar *)source, length, (UChar *)dest, capacity, &code);
    *status = code;
    return result;
}

int32_t tmk_is_normalized(int32_t form, const uint16_t *source, int32_t length, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    UBool result = unorm2_isNormalized(n, (const UChar *)source, length, &code);
    *status = code;
    return result ? 1 : 0;
}

int32_t tmk_fold_case(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity,
                      int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t result = u_strFoldCase((UChar *)dest, capacity, (const UChar *)source, length,
                                   U_FOLD_CASE_DEFAULT, &code);
    *status = code;
    return result;
}

// MARK: - Transliteration

struct tmk_translit {
    UTransliterator *transliterator;
};

tmk_translit *tmk_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules,
                                int32_t rulesLength, int32_t *status, int32_t *errorLine,
                                int32_t *errorOffset) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof(parse));
    UTransliterator *t = utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD,
                                      (const UChar *)rules, rules ? rulesLength : 0, &parse, &code);
    if (U_FAILURE(code)) {
        *status = code;
        *errorLine = parse.line;
        *errorOffset = parse.offset;
        return NULL;
    }
    tmk_translit *result = malloc(sizeof(tmk_translit));
    if (result == NULL) {
        utrans_close(t);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    result->transliterator = t;
    *status = code;
    return result;
}

void tmk_translit_close(tmk_translit *translit) {
    if (translit == NULL) return;
    if (translit->transliterator) utrans_close(translit->transliterator);
    free(translit);
}

void tmk_translit_register(tmk_translit *translit, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    utrans_register(translit->transliterator, &code);  // ICU adopts it
    translit->transliterator = NULL;
    free(translit);
    *status = code;
}

int32_t tmk_translit_run(tmk_translit *translit, uint16_t *text, int32_t length, int32_t capacity,
                         int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(translit->transliterator, (UChar *)text, &textLength, capacity, 0, &limit, &code);
    *status = code;
    return textLength;
}

// MARK: - Locales

int32_t tmk_locale_from_tag(const char *tag, char *localeID, int32_t capacity, int32_t *parsedLength,
                            int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    char raw[ULOC_FULLNAME_CAPACITY];
    int32_t n = uloc_forLanguageTag(tag, raw, (int32_t)sizeof(raw), parsedLength, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    if (code == U_STRING_NOT_TERMINATED_WARNING) code = U_ZERO_ERROR;
    raw[n < (int32_t)sizeof(raw) ? n : (int32_t)sizeof(raw) - 1] = 0;
    n = uloc_canonicalize(raw, localeID, capacity, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_to_tag(const char *localeID, char *tag, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = uloc_toLanguageTag(localeID, tag, capacity, 1, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_language(const char *localeID, char *out, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = uloc_getLanguage(localeID, out, capacity, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_script(const char *localeID, char *out, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = uloc_getScript(localeID, out, capacity, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_region(const char *localeID, char *out, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = uloc_getCountry(localeID, out, capacity, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_is_known_language(const char *language) {
    const char *const *list = uloc_getISOLanguages();
    for (; *list != NULL; list++) {
        if (strcmp(*list, language) == 0) return 1;
    }
    // ICU's list holds the 2-letter codes and the 3-letter codes that have no 2-letter form;
    // a 3-letter code with a 2-letter form ("kor") is known through its alias.
    if (strlen(language) == 3) {
        char canonical[16];
        UErrorCode code = U_ZERO_ERROR;
        int32_t n = uloc_canonicalize(language, canonical, (int32_t)sizeof(canonical), &code);
        if (U_SUCCESS(code) && n > 0 && n < 4 && strcmp(canonical, language) != 0) {
            return tmk_locale_is_known_language(canonical);
        }
    }
    return 0;
}

int32_t tmk_locale_maximize(const char *localeID, char *out, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = uloc_addLikelySubtags(localeID, out, capacity, &code);
    *status = code;
    return n;
}

int32_t tmk_locale_display_name(const char *localeID, const char *inLocale, char *out,
                                int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UChar name[256];
    int32_t n = uloc_getDisplayName(localeID, inLocale, name, 256, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    int32_t written = 0;
    u_strToUTF8(out, capacity, &written, name, n < 256 ? n : 256, &code);
    *status = code;
    return written;
}

// MARK: - Scripts

const char *tmk_script_code(uint32_t codePoint) {
    UErrorCode code = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)codePoint, &code);
    if (U_FAILURE(code)) return "Zzzz";
    return uscript_getShortName(script);
}

int32_t tmk_script_of(uint32_t codePoint) {
    UErrorCode code = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)codePoint, &code);
    return U_FAILURE(code) ? USCRIPT_UNKNOWN : (int32_t)script;
}

// MARK: - Collation

struct tmk_collator {
    UCollator *collator;
};

tmk_collator *tmk_collator_open(const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &code);
    if (U_FAILURE(code)) { *status = code; return NULL; }
    tmk_collator *result = malloc(sizeof(tmk_collator));
    if (result == NULL) {
        ucol_close(c);
        *status = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    result->collator = c;
    *status = code;
    return result;
}

void tmk_collator_close(tmk_collator *collator) {
    if (collator == NULL) return;
    ucol_close(collator->collator);
    free(collator);
}

int32_t tmk_collator_compare(tmk_collator *collator, const char *a, int32_t aLength, const char *b,
                             int32_t bLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(collator->collator, a, aLength, b, bLength, &code);
    *status = code;
    return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

int32_t tmk_collator_sort_key(tmk_collator *collator, const uint16_t *text, int32_t length,
                              uint8_t *key, int32_t capacity) {
    return ucol_getSortKey(collator->collator, (const UChar *)text, length, key, capacity);
}

// MARK: - Legacy character sets

typedef struct {
    const char *start;
    int lossy;
    int64_t replaced;
    int64_t firstBad;
} convert_context;

// Called by ICU on a byte sequence that is illegal or has no mapping: remember where, then either
// stop (the error stays set) or write U+FFFD and go on.
static void on_bad_bytes(const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t length,
                         UConverterCallbackReason reason, UErrorCode *code) {
    (void)units;
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
    convert_context *c = (convert_context *)context;
    int64_t at = (int64_t)(args->source - c->start) - length;
    if (c->firstBad < 0) c->firstBad = at < 0 ? 0 : at;
    if (!c->lossy) return;
    c->replaced += length;
    *code = U_ZERO_ERROR;
    UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, code);
}

char *tmk_convert_to_utf8(const char *charset, const char *source, int64_t length, int32_t lossy,
                          int64_t *outLength, int64_t *replaced, int64_t *firstBad, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    *outLength = 0;
    *replaced = 0;
    *firstBad = -1;
    if (length < 0 || length > INT32_MAX / 2) { *status = U_INDEX_OUTOFBOUNDS_ERROR; return NULL; }
    UConverter *converter = ucnv_open(charset, &code);
    if (U_FAILURE(code)) { *status = code; return NULL; }
    convert_context context = {source, lossy != 0, 0, -1};
    ucnv_setToUCallBack(converter, on_bad_bytes, &context, NULL, NULL, &code);
    // A byte gives at most two UTF-16 units (one supplementary character per four bytes at most).
    int64_t capacity16 = length * 2 + 2;
    UChar *utf16 = malloc(sizeof(UChar) * (size_t)capacity16);
    if (utf16 == NULL) { ucnv_close(converter); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    UChar *target = utf16;
    const char *cursor = source;
    ucnv_toUnicode(converter, &target, utf16 + capacity16, &cursor, source + length, NULL, 1, &code);
    ucnv_close(converter);
    *firstBad = context.firstBad;
    *replaced = context.replaced;
    if (U_FAILURE(code)) { free(utf16); *status = code; return NULL; }
    int32_t units = (int32_t)(target - utf16);
    int32_t needed = 0;
    code = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &needed, utf16, units, &code);
    if (code != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(code)) { free(utf16); *status = code; return NULL; }
    char *utf8 = malloc((size_t)needed + 1);
    if (utf8 == NULL) { free(utf16); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    code = U_ZERO_ERROR;
    u_strToUTF8(utf8, needed + 1, &needed, utf16, units, &code);
    free(utf16);
    if (U_FAILURE(code)) { free(utf8); *status = code; return NULL; }
    *outLength = needed;
    *status = U_ZERO_ERROR;
    return utf8;
}

void tmk_free(void *pointer) { free(pointer); }
