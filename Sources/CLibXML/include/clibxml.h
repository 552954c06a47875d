// A small C face over libxml2 for Swift: one pull reader for XML files (streaming) and for HTML
// documents (parsed with libxml2's HTML parser, then walked with the same calls).
//
// Security: the XML reader never touches the network, never loads an external DTD or entity, and
// refuses documents that declare entities of their own (the door to entity-expansion bombs and
// to external-entity reads), with an error that says so. libxml2's built-in limits stay on.
#ifndef CLIBXML_H
#define CLIBXML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tmk_xml tmk_xml;

/// Node types, as libxml2's xmlReaderTypes.
enum {
    TMK_XML_NONE = 0,
    TMK_XML_ELEMENT = 1,
    TMK_XML_ATTRIBUTE = 2,
    TMK_XML_TEXT = 3,
    TMK_XML_CDATA = 4,
    TMK_XML_ENTITY_REFERENCE = 5,
    TMK_XML_PROCESSING_INSTRUCTION = 7,
    TMK_XML_COMMENT = 8,
    TMK_XML_DOCUMENT_TYPE = 10,
    TMK_XML_WHITESPACE = 13,
    TMK_XML_SIGNIFICANT_WHITESPACE = 14,
    TMK_XML_END_ELEMENT = 15,
};

/// Opens a streaming reader on an XML file. The encoding comes from the BOM or the XML
/// declaration (UTF-8, UTF-16 LE/BE, ISO-8859-1, ...). Returns NULL only when out of memory;
/// an unreadable file shows up as an error on the first read.
tmk_xml *tmk_xml_open_file(const char *path);
/// The same over bytes in memory; `url` names them in errors. The bytes must outlive the reader.
tmk_xml *tmk_xml_open_memory(const char *bytes, int64_t length, const char *url);
/// Parses HTML bytes (`encoding` may be NULL to detect it) with libxml2's forgiving HTML parser
/// and returns a reader that walks the resulting tree. A given `encoding` wins over the document's
/// own `<meta charset>` (the caller has already decoded or converted the bytes).
tmk_xml *tmk_html_open_memory(const char *bytes, int64_t length, const char *url, const char *encoding);

/// The code point of an HTML 4 named character reference (`amp` → 0x26, `nbsp` → 0xA0), or -1
/// when libxml2's table has no such name. The name is given without `&` and `;`.
int32_t tmk_html_entity(const char *name);
void tmk_xml_close(tmk_xml *reader);

/// Advances to the next node: 1 when there is one, 0 at the end, -1 on an error.
int32_t tmk_xml_read(tmk_xml *reader);

/// The first error: its message (without trailing newline), and its 1-based line and column
/// (0 when unknown). NULL when there was none.
const char *tmk_xml_error(tmk_xml *reader, int32_t *line, int32_t *column);

int32_t tmk_xml_node_type(tmk_xml *reader);
int32_t tmk_xml_depth(tmk_xml *reader);
/// 1 for `<a/>` (no END_ELEMENT follows).
int32_t tmk_xml_is_empty_element(tmk_xml *reader);
/// Strings below are UTF-8, owned by the reader, valid until the next read. Never NULL ("").
const char *tmk_xml_name(tmk_xml *reader);
const char *tmk_xml_local_name(tmk_xml *reader);
const char *tmk_xml_namespace(tmk_xml *reader);
const char *tmk_xml_value(tmk_xml *reader);
/// Line of the current node (1-based; 0 when unknown), and the parser's column when the parser
/// is still on that line (0 when unknown: libxml2 keeps no columns on nodes).
int32_t tmk_xml_line(tmk_xml *reader);
int32_t tmk_xml_column(tmk_xml *reader);

/// Attributes of the current element: their count, then each by index (name as written, such as
/// "xml:lang", and value). Returns 0 when the index is out of range.
int32_t tmk_xml_attribute_count(tmk_xml *reader);
int32_t tmk_xml_attribute_at(tmk_xml *reader, int32_t index, const char **name, const char **value);

#ifdef __cplusplus
}
#endif

#endif
