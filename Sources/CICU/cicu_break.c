// Break iteration over UTF-8 and the rule-driven sentence segmenter.
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *tmk_icu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void tmk_icu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    char buffer[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, buffer);
    if (capacity > 0) {
        strncpy(out, buffer, (size_t)capacity - 1);
        out[capacity - 1] = 0;
    }
}

// MARK: - Plain break iteration

struct tmk_break {
    UBreakIterator *iterator;
    UText *text;
    int started;
};

tmk_break *tmk_break_open(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UBreakIteratorType type;
    switch (kind) {
    case TMK_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case TMK_BREAK_WORD: type = UBRK_WORD; break;
    case TMK_BREAK_LINE: type = UBRK_LINE; break;
    case TMK_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
    tmk_break *result = calloc(1, sizeof(tmk_break));
    if (result == NULL) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    result->iterator = ubrk_open(type, locale, NULL, 0, &code);
    if (U_FAILURE(code)) {
        free(result);
        *status = code;
        return NULL;
    }
    *status = code;  // may carry a warning such as U_USING_DEFAULT_WARNING
    return result;
}

void tmk_break_close(tmk_break *iterator) {
    if (iterator == NULL) return;
    ubrk_close(iterator->iterator);
    if (iterator->text != NULL) utext_close(iterator->text);
    free(iterator);
}

void tmk_break_set_utf8(tmk_break *iterator, const char *text, int64_t length, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    iterator->text = utext_openUTF8(iterator->text, text, length, &code);
    if (U_FAILURE(code)) { *status = code; return; }
    ubrk_setUText(iterator->iterator, iterator->text, &code);
    iterator->started = 0;
    *status = code;
}

int64_t tmk_break_collect(tmk_break *iterator, int64_t *offsets, int32_t *statuses, int64_t capacity) {
    int64_t count = 0;
    if (!iterator->started) {
        ubrk_first(iterator->iterator);
        iterator->started = 1;
    }
    while (count < capacity) {
        int32_t next = ubrk_next(iterator->iterator);
        if (next == UBRK_DONE) break;
        offsets[count] = next;
        if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(iterator->iterator);
        count++;
    }
    return count;
}

// MARK: - Sentence segmenter

// Rules are kept in order as "units":
// - a literal unit: `before` is a set of literal strings (such as the abbreviations "Dr." "Mr."),
//   optionally after a word boundary, tested by comparing the text before a position with the
//   set (binary search per length) — no regex engine involved;
// - a combined unit: a run of consecutive no-break rules whose `before` has a bounded length,
//   compiled into one alternation of `(?<=B)(?=A)`, so testing a position is one lookingAt;
// - a window unit: a rule whose `before` is unbounded (ICU look-behind needs a bounded length),
//   tested by matching `before$` in a window that ends at the position.
// Break rules also get a forward `scan` regex `(?:B)(?=A)` that finds the positions where they
// could add a break ICU did not make.
#define TMK_WINDOW 256

enum { UNIT_COMBINED = 0, UNIT_WINDOW = 1, UNIT_LITERAL = 2 };

typedef struct {
    int kind;
    int isBreak;
    URegularExpression *combined;  // combined unit
    URegularExpression *before;    // window unit
    URegularExpression *after;     // window and literal units (NULL: anything follows)
    URegularExpression *scan;      // break rules
    UChar *starters;               // break rules: the characters a `scan` match can start with (NULL: any)
    int32_t starterCount;
    USet *scanSecond;              // break rules: the set the second character belongs to (NULL: any)
    uint64_t starterBits[4];       // the Latin-1 starters as a bit set
    int hasWideStarters;           // some starter is above U+00FF
    UChar *pattern;                // source of `combined`, kept to append alternatives
    int32_t patternLength;
    UChar **literals;              // literal unit, sorted by (length, units)
    int32_t *literalLengths;
    int32_t literalCount;
    int wordBoundary;
    uint64_t suffixFilter[64];     // bit set over a hash of the last two units of each literal of
                                   // one or two units
    uint64_t longSuffixFilter[64]; // bit set over a hash of the last three units of each longer
                                   // literal ("Mrs." and "hers." share their last two)
    int32_t ruleCount;             // rules in this unit
    int32_t filterCount;           // rules that were given edge filters (all must be, to filter)
    USet **filters;                // 3 per rule: last, second-to-last, first after (NULL: any)
    uint64_t *filterBits;          // 3 per rule, 4 words each: the Latin-1 part of each filter, so
                                   // that most tests need no uset_contains call
    uint64_t textRun;              // the run whose text this unit's regexes were last given
    uint64_t *lastBits;            // break rules: the BMP part of the `last` filter, 1024 words
                                   // (NULL: unknown; the end-driven scan is not used)
    USet *afterSecond;             // break rules: the set the second character after the break
                                   // belongs to (NULL: any), checked by the end-driven scan
} tmk_group;

struct tmk_segmenter {
    UBreakIterator *iterator;
    tmk_group *groups;
    int32_t groupCount, groupCapacity;
    int hasBreakRules;
    UChar *text;
    int32_t *offsets;    // offsets[i]: UTF-8 offset of UTF-16 unit i (and of the end)
    int64_t textCapacity;
    int64_t *ranges;     // output: UTF-8 start, end of each sentence
    int64_t rangeCapacity;
    int64_t *positions;  // UTF-16 candidates, then kept ends
    uint8_t *fromICU;
    int64_t positionCapacity;
    uint64_t *endBits;     // union of the end-driven break rules' lastBits (+ trail surrogates
                           // when a rule can end with a supplementary character); NULL: none
    int32_t endBitsFor;    // the rule count endBits was computed for (-1: not yet)
    int32_t ruleVersion;   // counts rules and filters given, so endBits knows when to refresh
    UChar endLanes[8][8];  // the units in endBits when they are at most 8 (English: . ? ! ' " ” ’ )),
    int32_t endUnitCount;  // each repeated 8 times, so the scan can test eight units at once
                           // (padded with the first); -1: too many
    uint8_t *breakFrom;    // breakFrom[g]: some break group at index >= g
    uint8_t *noBreakFrom;  // noBreakFrom[g]: some no-break group at index >= g
    int32_t suffixCount;   // groupCount when the two arrays were computed
    uint64_t run;          // counts runs: a unit's regexes get the text only when first used in one
};

tmk_segmenter *tmk_segmenter_open(const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    tmk_segmenter *result = calloc(1, sizeof(tmk_segmenter));
    if (result == NULL) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    result->endBitsFor = -1;
    result->iterator = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &code);
    if (U_FAILURE(code)) {
        free(result);
        *status = code;
        return NULL;
    }
    *status = code;
    return result;
}

static void close_group(tmk_group *group) {
    if (group->combined) uregex_close(group->combined);
    if (group->before) uregex_close(group->before);
    if (group->after) uregex_close(group->after);
    if (group->scan) uregex_close(group->scan);
    free(group->pattern);
    free(group->starters);
    if (group->scanSecond) uset_close(group->scanSecond);
    for (int32_t i = 0; i < group->filterCount * 3; i++) {
        if (group->filters[i]) uset_close(group->filters[i]);
    }
    free(group->filters);
    free(group->filterBits);
    free(group->lastBits);
    if (group->afterSecond) uset_close(group->afterSecond);
    for (int32_t i = 0; i < group->literalCount; i++) free(group->literals[i]);
    free(group->literals);
    free(group->literalLengths);
}

void tmk_segmenter_close(tmk_segmenter *segmenter) {
    if (segmenter == NULL) return;
    ubrk_close(segmenter->iterator);
    for (int32_t i = 0; i < segmenter->groupCount; i++) close_group(&segmenter->groups[i]);
    free(segmenter->endBits);
    free(segmenter->groups);
    free(segmenter->text);
    free(segmenter->offsets);
    free(segmenter->ranges);
    free(segmenter->positions);
    free(segmenter->fromICU);
    free(segmenter->breakFrom);
    free(segmenter->noBreakFrom);
    free(segmenter);
}

static void compute_suffixes(tmk_segmenter *s) {
    if (s->suffixCount == s->groupCount && s->breakFrom != NULL) return;
    free(s->breakFrom);
    free(s->noBreakFrom);
    s->breakFrom = calloc((size_t)s->groupCount + 1, 1);
    s->noBreakFrom = calloc((size_t)s->groupCount + 1, 1);
    for (int32_t g = s->groupCount - 1; g >= 0; g--) {
        s->breakFrom[g] = (uint8_t)(s->breakFrom[g + 1] || s->groups[g].isBreak);
        s->noBreakFrom[g] = (uint8_t)(s->noBreakFrom[g + 1] || !s->groups[g].isBreak);
    }
    s->suffixCount = s->groupCount;
}

// UTF-8 → freshly allocated UTF-16.
static UChar *to_utf16(const char *source, int32_t length, int32_t *outLength, UErrorCode *code) {
    UChar *buffer = malloc(sizeof(UChar) * ((size_t)length + 1));
    if (buffer == NULL) { *code = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    u_strFromUTF8(buffer, length + 1, outLength, source, length, code);
    if (U_FAILURE(*code)) { free(buffer); return NULL; }
    return buffer;
}

static void append(UChar **buffer, int32_t *length, const UChar *part, int32_t partLength) {
    *buffer = realloc(*buffer, sizeof(UChar) * ((size_t)*length + (size_t)partLength + 1));
    memcpy(*buffer + *length, part, sizeof(UChar) * (size_t)partLength);
    *length += partLength;
    (*buffer)[*length] = 0;
}

static void append_ascii(UChar **buffer, int32_t *length, const char *ascii) {
    UChar tmp[16];
    int32_t n = (int32_t)strlen(ascii);
    for (int32_t i = 0; i < n; i++) tmp[i] = (UChar)ascii[i];
    append(buffer, length, tmp, n);
}

// Builds "(?=A)(?<=B)"; an empty side is left out. Both are zero-width at the same position, so
// the order does not change what matches; testing `after` first is cheaper, because at most
// candidate positions it fails on the first character (ICU tries look-behinds at every length).
static int has_group(const UChar *p, int32_t n) {
    for (int32_t i = 0; i + 1 < n; i++) {
        if (p[i] == '\\') { i++; continue; }
        if (p[i] == '(' && p[i + 1] == '?') return 1;
    }
    return 0;
}

static void lookaround(UChar **out, int32_t *outLength, const UChar *b, int32_t bl, const UChar *a,
                       int32_t al) {
    // An `after` with look-arounds of its own (a list of words not to break before) is the dearer
    // side: test `before` first then.
    if (al > 0 && bl > 0 && has_group(a, al) && !has_group(b, bl)) {
        append_ascii(out, outLength, "(?<=");
        append(out, outLength, b, bl);
        append_ascii(out, outLength, ")(?=");
        append(out, outLength, a, al);
        append_ascii(out, outLength, ")");
        return;
    }
    if (al > 0) {
        append_ascii(out, outLength, "(?=");
        append(out, outLength, a, al);
        append_ascii(out, outLength, ")");
    }
    if (bl > 0) {
        append_ascii(out, outLength, "(?<=");
        append(out, outLength, b, bl);
        append_ascii(out, outLength, ")");
    }
    if (bl == 0 && al == 0) append_ascii(out, outLength, "(?:)");
}

// Regions are set to the candidate position onwards; the pattern must still see the whole text:
// transparent bounds for look-behind, and no anchoring bounds, so that `^` and `$` mean the start
// and end of the text, not of the region (`^\d\.` is a list number at the paragraph's start).
static void see_whole_text(URegularExpression *re) {
    UErrorCode c = U_ZERO_ERROR;
    uregex_useTransparentBounds(re, 1, &c);
    uregex_useAnchoringBounds(re, 0, &c);
}

static URegularExpression *compile(const UChar *pattern, int32_t length, UParseError *parse,
                                   UErrorCode *code) {
    URegularExpression *re = uregex_open(pattern, length, 0, parse, code);
    if (U_FAILURE(*code)) return NULL;
    return re;
}

static int32_t report(UErrorCode code, UParseError *parse, int32_t part, int32_t *status,
                      int32_t *errorPart, int32_t *errorLine, int32_t *errorOffset) {
    *status = code;
    *errorPart = part;
    *errorLine = parse->line;
    *errorOffset = parse->offset;
    return 0;
}

static tmk_group *new_group(tmk_segmenter *s) {
    if (s->groupCount == s->groupCapacity) {
        s->groupCapacity = s->groupCapacity ? s->groupCapacity * 2 : 8;
        s->groups = realloc(s->groups, sizeof(tmk_group) * (size_t)s->groupCapacity);
    }
    tmk_group *group = &s->groups[s->groupCount++];
    memset(group, 0, sizeof(*group));
    return group;
}

// `(?:B)(?=A)`, to find where a break rule could apply.
static URegularExpression *scanner(const UChar *b, int32_t bl, const UChar *a, int32_t al) {
    UChar *p = NULL;
    int32_t pl = 0;
    append_ascii(&p, &pl, "(?:");
    append(&p, &pl, b, bl);
    append_ascii(&p, &pl, ")");
    if (al > 0) {
        append_ascii(&p, &pl, "(?=");
        append(&p, &pl, a, al);
        append_ascii(&p, &pl, ")");
    }
    UParseError parse;
    UErrorCode code = U_ZERO_ERROR;
    URegularExpression *re = compile(p, pl, &parse, &code);
    free(p);
    return re;
}

int32_t tmk_segmenter_add_rule(tmk_segmenter *segmenter, int32_t isBreak, const char *before,
                               int32_t beforeLength, const char *after, int32_t afterLength,
                               int32_t *status, int32_t *errorPart, int32_t *errorLine,
                               int32_t *errorOffset) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parse;
    int32_t bl = 0, al = 0;
    UChar *b = to_utf16(before, beforeLength, &bl, &code);
    if (b == NULL) { *status = code; return 0; }
    UChar *a = to_utf16(after, afterLength, &al, &code);
    if (a == NULL) { free(b); *status = code; return 0; }

    // Each side alone first, so that a syntax error points into the user's own pattern.
    URegularExpression *beforeRE = NULL, *afterRE = NULL;
    if (bl > 0) {
        UChar *p = NULL;
        int32_t pl = 0;
        append_ascii(&p, &pl, "(?:");
        append(&p, &pl, b, bl);
        append_ascii(&p, &pl, ")$");
        beforeRE = compile(p, pl, &parse, &code);
        free(p);
        if (beforeRE == NULL) {
            UErrorCode bare = U_ZERO_ERROR;
            URegularExpression *again = compile(b, bl, &parse, &bare);
            if (again) uregex_close(again);
            free(a); free(b);
            return report(code, &parse, 0, status, errorPart, errorLine, errorOffset);
        }
    }
    if (al > 0) {
        afterRE = compile(a, al, &parse, &code);
        if (afterRE == NULL) {
            if (beforeRE) uregex_close(beforeRE);
            free(a); free(b);
            return report(code, &parse, 1, status, errorPart, errorLine, errorOffset);
        }
    }
    if (isBreak) segmenter->hasBreakRules = 1;
    URegularExpression *scan = isBreak ? scanner(b, bl, a, al) : NULL;

    // The look-around form fails to compile when `before` has no bounded length.
    UChar *single = NULL;
    int32_t singleLength = 0;
    lookaround(&single, &singleLength, b, bl, a, al);
    UErrorCode lookCode = U_ZERO_ERROR;
    URegularExpression *combined = compile(single, singleLength, &parse, &lookCode);
    free(a); free(b);
    UErrorCode c = U_ZERO_ERROR;

    if (combined != NULL) {
        if (beforeRE) uregex_close(beforeRE);
        if (afterRE) uregex_close(afterRE);
        tmk_group *last = segmenter->groupCount > 0 ? &segmenter->groups[segmenter->groupCount - 1] : NULL;
        if (!isBreak && last != NULL && last->kind == UNIT_COMBINED && !last->isBreak) {
            // Another no-break rule after a combined no-break unit: extend its alternation.
            UChar *joined = NULL;
            int32_t joinedLength = 0;
            append(&joined, &joinedLength, last->pattern, last->patternLength);
            append_ascii(&joined, &joinedLength, "|");
            append(&joined, &joinedLength, single, singleLength);
            UErrorCode joinCode = U_ZERO_ERROR;
            URegularExpression *merged = compile(joined, joinedLength, &parse, &joinCode);
            if (merged != NULL) {
                uregex_close(combined);
                uregex_close(last->combined);
                free(last->pattern);
                free(single);
                last->combined = merged;
                last->pattern = joined;
                last->patternLength = joinedLength;
                last->ruleCount++;
                see_whole_text(merged);
                *status = U_ZERO_ERROR;
                return 1;
            }
            free(joined);
        }
        tmk_group *group = new_group(segmenter);
        group->kind = UNIT_COMBINED;
        group->ruleCount = 1;
        group->isBreak = isBreak != 0;
        group->combined = combined;
        group->scan = scan;
        group->pattern = single;
        group->patternLength = singleLength;
        see_whole_text(combined);
    } else {
        free(single);
        tmk_group *group = new_group(segmenter);
        group->kind = UNIT_WINDOW;
        group->ruleCount = 1;
        group->isBreak = isBreak != 0;
        group->before = beforeRE;
        group->after = afterRE;
        group->scan = scan;
        if (beforeRE) {
            // `(?:B)$` in a window that ends at the candidate: here `$` must mean the window's
            // end. (So a `^` in an unbounded before-pattern means the window's start when the
            // candidate is more than TMK_WINDOW units into the text.)
            uregex_useAnchoringBounds(beforeRE, 1, &c);
            uregex_useTransparentBounds(beforeRE, 0, &c);
        }
        if (afterRE) see_whole_text(afterRE);
    }
    *status = U_ZERO_ERROR;
    return 1;
}

void tmk_segmenter_set_starters(tmk_segmenter *segmenter, const char *starters, int32_t length) {
    if (segmenter->groupCount == 0) return;
    tmk_group *group = &segmenter->groups[segmenter->groupCount - 1];
    if (group->scan == NULL) return;
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = 0;
    UChar *units = to_utf16(starters, length, &n, &code);
    if (units == NULL) return;
    for (int32_t i = 0; i < n; i++) {
        if (U16_IS_SURROGATE(units[i])) { free(units); return; }  // keep it simple: BMP only
    }
    free(group->starters);
    group->starters = units;
    group->starterCount = n;
    memset(group->starterBits, 0, sizeof(group->starterBits));
    group->hasWideStarters = 0;
    for (int32_t i = 0; i < n; i++) {
        if (units[i] < 256) group->starterBits[units[i] >> 6] |= (uint64_t)1 << (units[i] & 63);
        else group->hasWideStarters = 1;
    }
}

// 12-bit hash of two UTF-16 units; its low 6 bits are the last unit's low 6 bits (used for
// one-unit literals).
static uint32_t suffix_hash(UChar previous, UChar last) {
    return ((uint32_t)(previous * 31u + (last >> 6)) & 63u) << 6 | (last & 63u);
}

// 12-bit hash of three UTF-16 units, all bits mixed: nearly every candidate ends with the same
// unit ('.'), so a hash that keeps the last unit's bits would leave 64 buckets for the rest.
static uint32_t suffix_hash3(UChar third, UChar previous, UChar last) {
    uint64_t key = (uint64_t)third << 32 | (uint64_t)previous << 16 | last;
    return (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> 52);
}

static USet *open_set(const char *pattern, int *ok) {
    if (pattern == NULL) return NULL;
    UErrorCode code = U_ZERO_ERROR;
    int32_t n = 0;
    UChar *units = to_utf16(pattern, (int32_t)strlen(pattern), &n, &code);
    if (units == NULL) { *ok = 0; return NULL; }
    USet *set = uset_openPattern(units, n, &code);
    free(units);
    if (U_FAILURE(code)) { *ok = 0; if (set) uset_close(set); return NULL; }
    uset_freeze(set);
    return set;
}

void tmk_segmenter_set_after_second(tmk_segmenter *segmenter, const char *set) {
    if (segmenter->groupCount == 0) return;
    tmk_group *group = &segmenter->groups[segmenter->groupCount - 1];
    if (!group->isBreak) return;
    int ok = 1;
    USet *opened = open_set(set, &ok);
    if (!ok) return;
    if (group->afterSecond) uset_close(group->afterSecond);
    group->afterSecond = opened;
}

void tmk_segmenter_set_scan_second(tmk_segmenter *segmenter, const char *set) {
    if (segmenter->groupCount == 0) return;
    tmk_group *group = &segmenter->groups[segmenter->groupCount - 1];
    int ok = 1;
    USet *opened = open_set(set, &ok);
    if (!ok) return;
    if (group->scanSecond) uset_close(group->scanSecond);
    group->scanSecond = opened;
}

int32_t tmk_segmenter_set_filters(tmk_segmenter *segmenter, const char *last, const char *secondLast,
                                  const char *firstAfter) {
    if (segmenter->groupCount == 0) return 0;
    segmenter->ruleVersion++;
    tmk_group *group = &segmenter->groups[segmenter->groupCount - 1];
    int ok = 1;
    USet *sets[3] = {open_set(last, &ok), open_set(secondLast, &ok), open_set(firstAfter, &ok)};
    group->filters = realloc(group->filters, sizeof(USet *) * 3 * ((size_t)group->filterCount + 1));
    for (int k = 0; k < 3; k++) group->filters[group->filterCount * 3 + k] = ok ? sets[k] : NULL;
    group->filterBits = realloc(group->filterBits, sizeof(uint64_t) * 12 * ((size_t)group->filterCount + 1));
    for (int k = 0; k < 3; k++) {
        uint64_t *bits = group->filterBits + (group->filterCount * 3 + k) * 4;
        USet *set = group->filters[group->filterCount * 3 + k];
        for (int w = 0; w < 4; w++) bits[w] = 0;
        for (UChar32 c = 0; set != NULL && c < 256; c++) {
            if (uset_contains(set, c)) bits[c >> 6] |= (uint64_t)1 << (c & 63);
        }
    }
    if (!ok) {
        for (int k = 0; k < 3; k++) if (sets[k]) uset_close(sets[k]);
    }
    group->filterCount++;
    if (ok && group->isBreak && group->ruleCount == 1 && sets[0] != NULL) {
        // For the end-driven scan: the BMP characters that can end a match of `before`, as bits
        // (8 KB; supplementary characters are looked up in the set itself).
        uint64_t *bits = calloc(1024, sizeof(uint64_t));
        int32_t items = uset_getItemCount(sets[0]);
        for (int32_t i = 0; bits != NULL && i < items; i++) {
            UChar32 start = 0, end = 0;
            UErrorCode itemCode = U_ZERO_ERROR;
            if (uset_getItem(sets[0], i, &start, &end, NULL, 0, &itemCode) != 0) continue;  // a string
            for (UChar32 c = start; c <= end && c <= 0xFFFF; c++) bits[c >> 6] |= (uint64_t)1 << (c & 63);
        }
        free(group->lastBits);
        group->lastBits = bits;
    }
    return ok;
}

// Whether filter `index` of the unit holds `c`: Latin-1 from the bits, the rest from the set.
static inline int filter_holds(const tmk_group *group, int32_t index, UChar32 c) {
    if (c < 256) return (int)((group->filterBits[index * 4 + (c >> 6)] >> (c & 63)) & 1);
    return uset_contains(group->filters[index], c);
}

// Whether some rule of the unit can match at `at`, judging by the characters around it only.
static int filters_pass(const tmk_group *group, const UChar *text, int64_t length, int64_t at) {
    if (group->filterCount != group->ruleCount || group->filters == NULL) return 1;
    UChar32 last = -1, second = -1, next = -1;
    int64_t q = at;
    if (q > 0) { U16_PREV(text, 0, q, last); }
    if (q > 0) { U16_PREV(text, 0, q, second); }
    if (at < length) { int64_t r = at; U16_NEXT(text, r, length, next); }
    for (int32_t i = 0; i < group->filterCount; i++) {
        USet *const *f = group->filters + i * 3;
        if (f[0] && (last < 0 || !filter_holds(group, i * 3, last))) continue;
        if (f[1] && (second < 0 || !filter_holds(group, i * 3 + 1, second))) continue;
        if (f[2] && (next < 0 || !filter_holds(group, i * 3 + 2, next))) continue;
        return 1;
    }
    return 0;
}

static int compare_literals(const UChar *a, int32_t al, const UChar *b, int32_t bl) {
    if (al != bl) return al < bl ? -1 : 1;
    for (int32_t i = 0; i < al; i++) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

// Thread-local: segmenters are built on several threads at once (tests, parallel work).
static __thread tmk_group *sorting_group;
static int compare_literal_indexes(const void *x, const void *y) {
    int32_t i = *(const int32_t *)x, j = *(const int32_t *)y;
    return compare_literals(sorting_group->literals[i], sorting_group->literalLengths[i],
                            sorting_group->literals[j], sorting_group->literalLengths[j]);
}

int32_t tmk_segmenter_add_literal_rule(tmk_segmenter *segmenter, int32_t isBreak,
                                       const char *literals, int32_t literalsLength,
                                       int32_t wordBoundary, const char *before, int32_t beforeLength,
                                       const char *after, int32_t afterLength, int32_t *status,
                                       int32_t *errorPart, int32_t *errorLine, int32_t *errorOffset) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parse;
    int32_t al = 0, bl = 0;
    UChar *a = to_utf16(after, afterLength, &al, &code);
    if (a == NULL) { *status = code; return 0; }
    URegularExpression *afterRE = NULL;
    if (al > 0) {
        afterRE = compile(a, al, &parse, &code);
        if (afterRE == NULL) {
            free(a);
            return report(code, &parse, 1, status, errorPart, errorLine, errorOffset);
        }
    }
    tmk_group *group = new_group(segmenter);
    group->kind = UNIT_LITERAL;
    group->ruleCount = 1;
    group->isBreak = isBreak != 0;
    group->after = afterRE;
    group->wordBoundary = wordBoundary != 0;
    if (afterRE) see_whole_text(afterRE);
    if (isBreak) {
        segmenter->hasBreakRules = 1;
        UChar *b = to_utf16(before, beforeLength, &bl, &code);
        if (b != NULL) {
            group->scan = scanner(b, bl, a, al);
            free(b);
        }
    }
    free(a);

    // Literals arrive UTF-8, separated by newlines.
    int32_t start = 0;
    for (int32_t i = 0; i <= literalsLength; i++) {
        if (i < literalsLength && literals[i] != '\n') continue;
        if (i > start) {
            int32_t n = 0;
            UErrorCode lc = U_ZERO_ERROR;
            UChar *u = to_utf16(literals + start, i - start, &n, &lc);
            if (u != NULL) {
                group->literals = realloc(group->literals, sizeof(UChar *) * ((size_t)group->literalCount + 1));
                group->literalLengths = realloc(group->literalLengths, sizeof(int32_t) * ((size_t)group->literalCount + 1));
                group->literals[group->literalCount] = u;
                group->literalLengths[group->literalCount] = n;
                group->literalCount++;
            }
        }
        start = i + 1;
    }
    // Sort by (length, units) for binary search per length.
    int32_t *order = malloc(sizeof(int32_t) * (size_t)(group->literalCount ? group->literalCount : 1));
    for (int32_t i = 0; i < group->literalCount; i++) order[i] = i;
    sorting_group = group;
    qsort(order, (size_t)group->literalCount, sizeof(int32_t), compare_literal_indexes);
    UChar **sorted = malloc(sizeof(UChar *) * (size_t)(group->literalCount ? group->literalCount : 1));
    int32_t *lengths = malloc(sizeof(int32_t) * (size_t)(group->literalCount ? group->literalCount : 1));
    for (int32_t i = 0; i < group->literalCount; i++) {
        sorted[i] = group->literals[order[i]];
        lengths[i] = group->literalLengths[order[i]];
    }
    free(order);
    free(group->literals);
    free(group->literalLengths);
    group->literals = sorted;
    group->literalLengths = lengths;
    memset(group->suffixFilter, 0, sizeof(group->suffixFilter));
    memset(group->longSuffixFilter, 0, sizeof(group->longSuffixFilter));
    for (int32_t i = 0; i < group->literalCount; i++) {
        int32_t n = group->literalLengths[i];
        uint32_t h = suffix_hash(n >= 2 ? group->literals[i][n - 2] : 0, group->literals[i][n - 1]);
        if (n < 2) {
            // A one-unit literal: any unit before it may do; mark every hash with that last unit.
            for (uint32_t k = 0; k < 4096; k++) {
                if ((k & 63) == (group->literals[i][0] & 63)) group->suffixFilter[k >> 6] |= (uint64_t)1 << (k & 63);
            }
            continue;
        }
        if (n >= 3) {
            const UChar *l = group->literals[i];
            uint32_t h3 = suffix_hash3(l[n - 3], l[n - 2], l[n - 1]);
            group->longSuffixFilter[h3 >> 6] |= (uint64_t)1 << (h3 & 63);
            continue;
        }
        group->suffixFilter[h >> 6] |= (uint64_t)1 << (h & 63);
    }
    *status = U_ZERO_ERROR;
    return 1;
}

static int is_word_unit(UChar c) {
    return c == '_' || u_isalnum(c) || (c >= 0xD800 && c <= 0xDFFF) || u_getCombiningClass(c) != 0;
}

static int literal_matches(tmk_group *group, const UChar *text, int64_t at) {
    // Most positions end in a word no literal ends with: reject on the last two or three units first.
    if (at >= 2) {
        uint32_t h = suffix_hash(text[at - 2], text[at - 1]);
        if (!(group->suffixFilter[h >> 6] & ((uint64_t)1 << (h & 63)))) {
            // No literal of one or two units ends here; one of three or more needs its last three.
            if (at < 3) return 0;
            uint32_t h3 = suffix_hash3(text[at - 3], text[at - 2], text[at - 1]);
            if (!(group->longSuffixFilter[h3 >> 6] & ((uint64_t)1 << (h3 & 63)))) return 0;
        }
    }
    int32_t i = 0;
    while (i < group->literalCount) {
        int32_t length = group->literalLengths[i];
        int32_t j = i;
        while (j < group->literalCount && group->literalLengths[j] == length) j++;
        if (at >= length) {
            const UChar *candidate = text + at - length;
            int32_t lo = i, hi = j;
            while (lo < hi) {
                int32_t mid = (lo + hi) / 2;
                int cmp = compare_literals(group->literals[mid], length, candidate, length);
                if (cmp == 0) {
                    if (!group->wordBoundary || at - length == 0 || !is_word_unit(text[at - length - 1]) ||
                        !is_word_unit(candidate[0])) {
                        return 1;
                    }
                    break;
                }
                if (cmp < 0) lo = mid + 1; else hi = mid;
            }
        }
        i = j;
    }
    return 0;
}

// A break rule found by the end-driven scan: its `before` can end only with known characters.
static int ends_driven(const tmk_group *group) {
    return group->isBreak && group->lastBits != NULL && group->filterCount == group->ruleCount && group->filters != NULL
        && group->filters[0] != NULL;
}

// Recomputes the union of the end-driven break rules' last characters.
static void refresh_end_bits(tmk_segmenter *s) {
    free(s->endBits);
    s->endBits = NULL;
    s->endBitsFor = s->ruleVersion;
    for (int32_t g = 0; g < s->groupCount; g++) {
        tmk_group *group = &s->groups[g];
        if (!ends_driven(group)) continue;
        if (s->endBits == NULL) {
            s->endBits = calloc(1024, sizeof(uint64_t));
            if (s->endBits == NULL) return;
        }
        for (int w = 0; w < 1024; w++) s->endBits[w] |= group->lastBits[w];
        // A supplementary last character: let every trail surrogate through to the exact test.
        UChar32 lastItemEnd = 0;
        int32_t items = uset_getItemCount(group->filters[0]);
        if (items > 0) {
            UChar32 start = 0;
            UErrorCode itemCode = U_ZERO_ERROR;
            if (uset_getItem(group->filters[0], items - 1, &start, &lastItemEnd, NULL, 0, &itemCode) != 0) lastItemEnd = 0x10FFFF;
        }
        if (lastItemEnd > 0xFFFF) {
            for (int w = 0xDC00 >> 6; w <= (0xDFFF >> 6); w++) s->endBits[w] = ~(uint64_t)0;
        }
    }
    s->endUnitCount = -1;
    if (s->endBits == NULL) return;
    int32_t count = 0;
    UChar units[8] = {0};
    for (int32_t u = 0; u <= 0xFFFF; u++) {
        if (!((s->endBits[u >> 6] >> (u & 63)) & 1)) continue;
        if (count == 8) return;
        units[count++] = (UChar)u;
    }
    for (int k = 0; k < 8; k++) {
        for (int lane = 0; lane < 8; lane++) s->endLanes[k][lane] = units[k < count ? k : 0];
    }
    s->endUnitCount = count;
}

#if defined(__SSE2__)
// The first of the eight units at `units` that is one of the eight in `lanes` (each repeated in
// its row), or 8 when none is.
static inline int first_of_set(const UChar *units, UChar lanes[8][8]) {
    __m128i eight = _mm_loadu_si128((const __m128i *)units);
    __m128i hit = _mm_setzero_si128();
    for (int k = 0; k < 8; k++) hit = _mm_or_si128(hit, _mm_cmpeq_epi16(eight, _mm_loadu_si128((const __m128i *)lanes[k])));
    int mask = _mm_movemask_epi8(hit);
    return mask == 0 ? 8 : __builtin_ctz((unsigned)mask) / 2;
}
#endif

// Whether a trimmed sentence [lower, upper) holds white space other than single spaces: a control
// character or two spaces in a row. Branch-free: spaces fall at random places in running text, so
// a test per character mispredicts often.
static int has_irregular_space(const UChar *text, int64_t lower, int64_t upper) {
    // text[lower] is not white space (trimmed), so two spaces end at lower + 1 at the earliest.
    if (text[lower] < 0x20) return 1;
    int64_t k = lower + 1;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi16(0x20), control = _mm_set1_epi16(0x1F), zero = _mm_setzero_si128();
    __m128i found = zero;
    for (; k + 8 <= upper; k += 8) {
        __m128i units = _mm_loadu_si128((const __m128i *)(text + k));
        __m128i previous = _mm_loadu_si128((const __m128i *)(text + k - 1));
        __m128i below = _mm_cmpeq_epi16(_mm_subs_epu16(units, control), zero);  // unit <= 0x1F
        __m128i pair = _mm_and_si128(_mm_cmpeq_epi16(units, space), _mm_cmpeq_epi16(previous, space));
        found = _mm_or_si128(found, _mm_or_si128(below, pair));
    }
    if (_mm_movemask_epi8(found) != 0) return 1;
#endif
    int irregular = 0;
    for (; k < upper; k++) {
        UChar c = text[k];
        irregular |= (c < 0x20) | ((c == 0x20) & (text[k - 1] == 0x20));
    }
    return irregular;
}

static int group_matches(tmk_segmenter *s, tmk_group *group, const UChar *text, int64_t length, int64_t at,
                         UErrorCode *code) {
    if (!filters_pass(group, text, length, at)) return 0;
    if (group->textRun != s->run) {
        // First use in this run: most units never get past their filters in a paragraph, and
        // giving a regex the text costs about as much as a failed match.
        group->textRun = s->run;
        if (group->combined) uregex_setText(group->combined, text, (int32_t)length, code);
        if (group->before) uregex_setText(group->before, text, (int32_t)length, code);
        if (group->after) uregex_setText(group->after, text, (int32_t)length, code);
    }
    switch (group->kind) {
    case UNIT_COMBINED:
        // A start index resets the matcher to the whole text and anchors the match there; with
        // transparent bounds the look-behind sees the text before it. One call instead of two.
        return uregex_lookingAt64(group->combined, at, code);
    case UNIT_LITERAL:
        if (!literal_matches(group, text, at)) return 0;
        break;
    default:
        // `after` first: one anchored match, usually failing at once; the window search is dear.
        if (group->after != NULL) {
            uregex_setRegion64(group->after, at, length, code);
            if (!uregex_lookingAt64(group->after, -1, code)) return 0;
        }
        if (group->before != NULL) {
            int64_t from = at > TMK_WINDOW ? at - TMK_WINDOW : 0;
            uregex_setRegion64(group->before, from, at, code);
            if (!uregex_findNext(group->before, code)) return 0;
        }
        return 1;
    }
    if (group->after != NULL) {
        uregex_setRegion64(group->after, at, length, code);
        if (!uregex_lookingAt64(group->after, -1, code)) return 0;
    }
    return 1;
}

static int ensure_positions(tmk_segmenter *s, int64_t needed) {
    if (needed <= s->positionCapacity) return 1;
    int64_t capacity = s->positionCapacity ? s->positionCapacity : 256;
    while (capacity < needed) capacity *= 2;
    int64_t *positions = realloc(s->positions, sizeof(int64_t) * (size_t)capacity);
    if (positions == NULL) return 0;
    s->positions = positions;
    uint8_t *flags = realloc(s->fromICU, (size_t)capacity);
    if (flags == NULL) return 0;
    s->fromICU = flags;
    s->positionCapacity = capacity;
    return 1;
}

static int is_space(UChar c) {
    return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x80 && u_isUWhiteSpace(c));
}

static int compare_positions(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

// UTF-8 → UTF-16, recording the UTF-8 offset of every UTF-16 unit. The input is valid UTF-8
// (Swift strings are); a stray byte still yields U+FFFD rather than a read past the end.
static int32_t to_utf16_with_offsets(const uint8_t *src, int32_t length, UChar *dst, int32_t *offsets) {
    int32_t i = 0, n = 0;
    while (i < length) {
        // Eight ASCII bytes at a time.
        if (i + 8 <= length) {
            uint64_t eight;
            memcpy(&eight, src + i, 8);
            if ((eight & 0x8080808080808080ULL) == 0) {
#if defined(__SSE2__)
                // Widened and numbered with four vector stores instead of sixteen scalar ones.
                __m128i bytes = _mm_loadl_epi64((const __m128i *)(src + i));
                _mm_storeu_si128((__m128i *)(dst + n), _mm_unpacklo_epi8(bytes, _mm_setzero_si128()));
                __m128i first = _mm_add_epi32(_mm_set1_epi32(i), _mm_setr_epi32(0, 1, 2, 3));
                _mm_storeu_si128((__m128i *)(offsets + n), first);
                _mm_storeu_si128((__m128i *)(offsets + n + 4), _mm_add_epi32(first, _mm_set1_epi32(4)));
#else
                for (int k = 0; k < 8; k++) {
                    dst[n + k] = src[i + k];
                    offsets[n + k] = i + k;
                }
#endif
                n += 8;
                i += 8;
                continue;
            }
        }
        uint8_t b = src[i];
        if (b < 0x80) {
            offsets[n] = i;
            dst[n++] = b;
            i += 1;
        } else if (b >= 0xC2 && b < 0xE0 && i + 1 < length) {
            offsets[n] = i;
            dst[n++] = (UChar)(((b & 0x1F) << 6) | (src[i + 1] & 0x3F));
            i += 2;
        } else if (b >= 0xE0 && b < 0xF0 && i + 2 < length) {
            offsets[n] = i;
            dst[n++] = (UChar)(((b & 0x0F) << 12) | ((src[i + 1] & 0x3F) << 6) | (src[i + 2] & 0x3F));
            i += 3;
        } else if (b >= 0xF0 && b < 0xF5 && i + 3 < length) {
            uint32_t c = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(src[i + 1] & 0x3F) << 12) |
                         ((uint32_t)(src[i + 2] & 0x3F) << 6) | (src[i + 3] & 0x3F);
            offsets[n] = i;
            dst[n++] = U16_LEAD(c);
            offsets[n] = i;
            dst[n++] = U16_TRAIL(c);
            i += 4;
        } else {
            offsets[n] = i;
            dst[n++] = 0xFFFD;
            i += 1;
        }
    }
    offsets[n] = length;
    return n;
}

int64_t tmk_segmenter_run(tmk_segmenter *s, const char *utf8, int64_t length,
                          const int64_t **ranges, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    *ranges = NULL;
    if (length <= 0) return 0;
    if (length > INT32_MAX - 1) { *status = U_INDEX_OUTOFBOUNDS_ERROR; return 0; }
    if (s->textCapacity < length + 1) {
        free(s->text);
        free(s->offsets);
        s->text = malloc(sizeof(UChar) * ((size_t)length + 1));
        s->offsets = malloc(sizeof(int32_t) * ((size_t)length + 2));
        if (s->text == NULL || s->offsets == NULL) {
            free(s->text);
            free(s->offsets);
            s->text = NULL;
            s->offsets = NULL;
            s->textCapacity = 0;
            *status = U_MEMORY_ALLOCATION_ERROR;
            return 0;
        }
        s->textCapacity = length + 1;
    }
    int32_t n = to_utf16_with_offsets((const uint8_t *)utf8, (int32_t)length, s->text, s->offsets);
    const UChar *text = s->text;
    s->run++;

    ubrk_setText(s->iterator, text, n, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }

    // 1. ICU's boundaries, moved back over trailing white space to where the sentence's text ends
    //    (which is where SRX places a break).
    int64_t count = 0;
    int32_t previous = 0;
    for (int32_t b = ubrk_next(s->iterator); b != UBRK_DONE; b = ubrk_next(s->iterator)) {
        int32_t p = b;
        while (p > previous && is_space(text[p - 1])) p--;
        if (!ensure_positions(s, count + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        s->positions[count] = p;
        s->fromICU[count] = 1;
        count++;
        previous = b;
    }

    // 2. Positions where a break rule could add a break ICU did not make.
    if (s->hasBreakRules) {
        int64_t icuCount = count;
        // 2a. Break rules whose `before` can end only with known characters: one pass over the
        //     text for all of them, testing only the positions after such a character with the
        //     matcher the decisions use (look-behind, literal table or window). This is cheaper
        //     than a forward search per rule, and it needs no start character (`\p{Ll}[.?!]`,
        //     `\b(?:Jan|Feb)\.` have none a simple scan could use).
        if (s->endBitsFor != s->ruleVersion) refresh_end_bits(s);
        const uint64_t *any = s->endBits;
        if (any != NULL) {
            // ICU's own positions (sorted) need no break rule: they are candidates already, and
            // a break rule there decides what the default decides. Most sentence ends are such
            // positions, so this skips most regex matching.
            int64_t icuNext = 0;
            for (int64_t at = 1; at < n; at++) {
#if defined(__SSE2__)
                if (s->endUnitCount >= 0 && at + 8 <= n) {
                    // Eight units at once: most text holds none of the few characters that can end
                    // a break rule's `before`.
                    int first = first_of_set(text + at - 1, s->endLanes);
                    if (first == 8) { at += 7; continue; }
                    at += first;
                }
#endif
                UChar u = text[at - 1];
                if (!((any[u >> 6] >> (u & 63)) & 1)) continue;
                while (icuNext < icuCount && s->positions[icuNext] < at) icuNext++;
                if (icuNext < icuCount && s->positions[icuNext] == at) continue;
                UChar32 c = u;
                if (U16_IS_TRAIL(u) && at >= 2 && U16_IS_LEAD(text[at - 2])) c = U16_GET_SUPPLEMENTARY(text[at - 2], u);
                for (int32_t g = 0; g < s->groupCount; g++) {
                    tmk_group *group = &s->groups[g];
                    if (!ends_driven(group)) continue;
                    int can = c <= 0xFFFF ? (int)((group->lastBits[c >> 6] >> (c & 63)) & 1) : uset_contains(group->filters[0], c);
                    if (!can) continue;
                    if (group->afterSecond != NULL) {
                        // `\s+\d`: most sentence ends have a space next, but not a digit after it.
                        int64_t k = at;
                        UChar32 first, second;
                        if (k >= n) continue;
                        U16_NEXT(text, k, n, first);
                        if (k >= n) continue;
                        U16_NEXT(text, k, n, second);
                        if (!uset_contains(group->afterSecond, second)) continue;
                    }
                    if (!group_matches(s, group, text, n, at, &code)) continue;
                    if (!ensure_positions(s, count + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
                    s->positions[count] = at;
                    s->fromICU[count] = 0;
                    count++;
                    break;
                }
            }
        }
        if (U_FAILURE(code)) { *status = code; return 0; }
        // 2b. The other break rules: every end of a forward match of `(?:B)(?=A)`, found from the
        //     rule's start characters, or by a regex search (overlapping matches included: each
        //     search restarts one unit after the previous match's start).
        for (int32_t g = 0; g < s->groupCount; g++) {
            tmk_group *group = &s->groups[g];
            if (!group->isBreak || group->scan == NULL || ends_driven(group)) continue;
            uregex_setText(group->scan, text, n, &code);
            if (group->starters != NULL) {
                // Only where a match can start: a cheap scan for the starting characters, then one
                // anchored match there (ICU's own start-set scan is slow outside Latin-1).
                see_whole_text(group->scan);
                for (int64_t i = 0; i < n; i++) {
                    UChar u = text[i];
                    int hit = 0;
                    if (u < 256) {
                        hit = (group->starterBits[u >> 6] >> (u & 63)) & 1;
                    } else if (group->hasWideStarters) {
                        for (int32_t k = 0; k < group->starterCount; k++) {
                            if (group->starters[k] == u) { hit = 1; break; }
                        }
                    }
                    if (!hit) continue;
                    if (group->scanSecond != NULL) {
                        if (i + 1 >= n) continue;
                        UChar32 c2;
                        int64_t k = i + 1;
                        U16_NEXT(text, k, n, c2);
                        if (!uset_contains(group->scanSecond, c2)) continue;
                    }
                    uregex_setRegion64(group->scan, i, n, &code);
                    if (!uregex_lookingAt64(group->scan, -1, &code)) continue;
                    int64_t at = uregex_end64(group->scan, 0, &code);
                    if (at > 0 && at < n) {
                        if (!ensure_positions(s, count + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
                        s->positions[count] = at;
                        s->fromICU[count] = 0;
                        count++;
                    }
                }
                continue;
            }
            int64_t from = 0;
            while (from < n && uregex_find64(group->scan, from, &code)) {
                int64_t matchStart = uregex_start64(group->scan, 0, &code);
                int64_t at = uregex_end64(group->scan, 0, &code);
                if (at > 0 && at < n) {
                    if (!ensure_positions(s, count + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
                    s->positions[count] = at;
                    s->fromICU[count] = 0;
                    count++;
                }
                from = matchStart + 1;
            }
        }
        if (count > icuCount) {
            // Sort candidates, keeping the ICU flag of a position both produced.
            int64_t *pairs = malloc(sizeof(int64_t) * (size_t)count);
            for (int64_t i = 0; i < count; i++) pairs[i] = s->positions[i] * 2 + (s->fromICU[i] ? 1 : 0);
            qsort(pairs, (size_t)count, sizeof(int64_t), compare_positions);
            int64_t unique = 0;
            for (int64_t i = 0; i < count; i++) {
                int64_t at = pairs[i] / 2;
                int icu = (int)(pairs[i] % 2);
                if (unique > 0 && s->positions[unique - 1] == at) {
                    s->fromICU[unique - 1] |= (uint8_t)icu;
                    continue;
                }
                s->positions[unique] = at;
                s->fromICU[unique] = (uint8_t)icu;
                unique++;
            }
            free(pairs);
            count = unique;
        }
    }
    if (U_FAILURE(code)) { *status = code; return 0; }

    // 3. Decide each candidate: the first rule group that matches, else ICU.
    compute_suffixes(s);
    if (s->breakFrom == NULL || s->noBreakFrom == NULL) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
    int64_t kept = 0;
    int64_t last = 0;
    for (int64_t i = 0; i < count; i++) {
        int64_t at = s->positions[i];
        int decision;
        if (at >= n) {
            decision = 1;
        } else if (at <= last) {
            decision = 0;
        } else {
            decision = s->fromICU[i];
            for (int32_t g = 0; g < s->groupCount; g++) {
                // When every rule from here on would decide what the default already decides, the
                // answer is the default: stop testing (a break rule after the last no-break rule,
                // at a position where ICU breaks anyway, and the reverse).
                if (s->groups[g].isBreak == decision && !(decision ? s->noBreakFrom[g] : s->breakFrom[g])) break;
                if (group_matches(s, &s->groups[g], text, n, at, &code)) {
                    decision = s->groups[g].isBreak;
                    break;
                }
            }
            if (U_FAILURE(code)) { *status = code; return 0; }
        }
        if (decision) {
            s->positions[kept++] = at >= n ? n : at;
            last = at;
        }
    }
    if (kept == 0 || s->positions[kept - 1] != n) {
        if (!ensure_positions(s, kept + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        s->positions[kept++] = n;
    }

    // 4. Sentences as trimmed UTF-8 ranges. A piece with no letter or digit (a stray closing
    //    quote, a dash) joins the sentence before it.
    if (s->rangeCapacity < kept * 3) {
        int64_t *grown = realloc(s->ranges, sizeof(int64_t) * (size_t)kept * 3);
        if (grown == NULL) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        s->ranges = grown;
        s->rangeCapacity = kept * 3;
    }
    int64_t sentences = 0;
    int64_t start = 0;
    for (int64_t i = 0; i < kept; i++) {
        int64_t end = s->positions[i];
        int64_t lower = start, upper = end;
        start = end;
        while (lower < upper && is_space(text[lower])) lower++;
        while (upper > lower && is_space(text[upper - 1])) upper--;
        if (lower >= upper) continue;
        int alnum = 0;
        for (int64_t k = lower; k < upper && !alnum; k++) {
            UChar c = text[k];
            alnum = c < 0x80 ? ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                             : (U16_IS_SURROGATE(c) || u_isalnum(c));
        }
        // White space other than single spaces inside: the caller folds it.
        int64_t irregular = has_irregular_space(text, lower, upper);
        if (!alnum && sentences > 0) {
            // The piece and the white space between it and the sentence are folded in.
            s->ranges[sentences * 3 - 2] = s->offsets[upper];
            s->ranges[sentences * 3 - 1] = 1;
            continue;
        }
        s->ranges[sentences * 3] = s->offsets[lower];
        s->ranges[sentences * 3 + 1] = s->offsets[upper];
        s->ranges[sentences * 3 + 2] = irregular;
        sentences++;
    }
    *status = U_ZERO_ERROR;
    *ranges = s->ranges;
    return sentences;
}
