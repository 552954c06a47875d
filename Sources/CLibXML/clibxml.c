#include "clibxml.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

struct tmk_xml {
    xmlTextReaderPtr reader;
    xmlDocPtr walkedDoc;   // HTML: the tree the reader walks, freed on close
    int checkedDoctype;
    int failed;
    char *error;
    int32_t errorLine, errorColumn;
};

// External entities and DTDs are never loaded, from the network or from disk.
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void setup(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
}

static void set_error(tmk_xml *x, const char *message, int32_t line, int32_t column) {
    if (x->error != NULL) return;
    size_t n = strlen(message);
    x->error = malloc(n + 1);
    if (x->error == NULL) return;
    memcpy(x->error, message, n + 1);
    while (n > 0 && (x->error[n - 1] == '\n' || x->error[n - 1] == ' ')) x->error[--n] = 0;
    x->errorLine = line;
    x->errorColumn = column;
}

static const char *REFUSED_ENTITIES =
    "the document declares its own XML entities; entity declarations are refused "
    "(they can read local files or expand without bound)";

static void on_error(void *context, xmlErrorPtr error) {
    tmk_xml *x = context;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    if (error->code == XML_ERR_ENTITY_LOOP) {
        // libxml2's own guard against entity expansion (billion laughs) fires while the DTD is
        // parsed, before our check of the declarations can run; its message ("entity reference
        // loop") and position (inside the entity's text) would mislead. Only declared entities
        // can loop, so say what we refuse, at the parser's place in the document.
        set_error(x, REFUSED_ENTITIES, xmlTextReaderGetParserLineNumber(x->reader), 0);
        return;
    }
    set_error(x, error->message ? error->message : "XML error", error->line, error->int2);
}

// `parsing` is 0 for a reader that walks a tree already built: it has no parser context, and
// libxml2 (2.9) dereferences that context when an error handler is set.
static tmk_xml *wrap(xmlTextReaderPtr reader, int parsing) {
    if (reader == NULL) return NULL;
    tmk_xml *x = calloc(1, sizeof(tmk_xml));
    if (x == NULL) {
        xmlFreeTextReader(reader);
        return NULL;
    }
    x->reader = reader;
    if (parsing) xmlTextReaderSetStructuredErrorHandler(reader, on_error, x);
    return x;
}

// No NOENT (entities are not substituted), no DTDLOAD/DTDATTR/DTDVALID, no network.
static const int XML_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES;

tmk_xml *tmk_xml_open_file(const char *path) {
    pthread_once(&once, setup);
    return wrap(xmlReaderForFile(path, NULL, XML_OPTIONS), 1);
}

tmk_xml *tmk_xml_open_memory(const char *bytes, int64_t length, const char *url) {
    pthread_once(&once, setup);
    if (length > INT32_MAX) return NULL;
    return wrap(xmlReaderForMemory(bytes, (int)length, url, NULL, XML_OPTIONS), 1);
}

tmk_xml *tmk_html_open_memory(const char *bytes, int64_t length, const char *url, const char *encoding) {
    pthread_once(&once, setup);
    if (length > INT32_MAX) return NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NODEFDTD;
    // Bytes the caller already decoded must not be decoded again because of a stale <meta charset>.
    if (encoding != NULL) options |= HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlReadMemory(bytes, (int)length, url, encoding, options);
    if (doc == NULL) {
        // An empty or unparseable document: walk an empty tree rather than fail.
        doc = htmlNewDocNoDtD(NULL, NULL);
        if (doc == NULL) return NULL;
    }
    tmk_xml *x = wrap(xmlReaderWalker(doc), 0);
    if (x == NULL) {
        xmlFreeDoc(doc);
        return NULL;
    }
    x->walkedDoc = doc;
    x->checkedDoctype = 1;
    return x;
}

int32_t tmk_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity != NULL ? (int32_t)entity->value : -1;
}

void tmk_xml_close(tmk_xml *x) {
    if (x == NULL) return;
    xmlFreeTextReader(x->reader);
    if (x->walkedDoc) xmlFreeDoc(x->walkedDoc);
    free(x->error);
    free(x);
}

static int declares_entities(xmlDocPtr doc) {
    if (doc == NULL || doc->intSubset == NULL) return 0;
    xmlDtdPtr dtd = doc->intSubset;
    if (dtd->entities != NULL && xmlHashSize(dtd->entities) > 0) return 1;
    if (dtd->pentities != NULL && xmlHashSize(dtd->pentities) > 0) return 1;
    return 0;
}

int32_t tmk_xml_read(tmk_xml *x) {
    if (x->failed) return -1;
    int r = xmlTextReaderRead(x->reader);
    if (r < 0) {
        x->failed = 1;
        if (x->error == NULL) set_error(x, "the document is not well-formed XML", 0, 0);
        return -1;
    }
    if (r == 1 && !x->checkedDoctype) {
        // The internal DTD subset, if any, is parsed before the first node is returned; no entity
        // has been expanded yet. Refuse entity declarations outright.
        int type = xmlTextReaderNodeType(x->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ELEMENT) {
            x->checkedDoctype = 1;
            // Not xmlTextReaderCurrentDoc: it makes the reader keep every node (memory would grow).
            xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
            if (node != NULL && declares_entities(node->doc)) {
                set_error(x, REFUSED_ENTITIES, xmlTextReaderGetParserLineNumber(x->reader), 0);
                x->failed = 1;
                return -1;
            }
        }
    }
    if (x->error != NULL && r == 1) {
        // libxml2 may recover and continue after reporting an error; we do not.
        x->failed = 1;
        return -1;
    }
    return r;
}

const char *tmk_xml_error(tmk_xml *x, int32_t *line, int32_t *column) {
    *line = x->errorLine;
    *column = x->errorColumn;
    return x->error;
}

int32_t tmk_xml_node_type(tmk_xml *x) { return xmlTextReaderNodeType(x->reader); }
int32_t tmk_xml_depth(tmk_xml *x) { return xmlTextReaderDepth(x->reader); }
int32_t tmk_xml_is_empty_element(tmk_xml *x) { return xmlTextReaderIsEmptyElement(x->reader) == 1; }

static const char *or_empty(const xmlChar *s) { return s ? (const char *)s : ""; }

const char *tmk_xml_name(tmk_xml *x) { return or_empty(xmlTextReaderConstName(x->reader)); }
const char *tmk_xml_local_name(tmk_xml *x) { return or_empty(xmlTextReaderConstLocalName(x->reader)); }
const char *tmk_xml_namespace(tmk_xml *x) { return or_empty(xmlTextReaderConstNamespaceUri(x->reader)); }
const char *tmk_xml_value(tmk_xml *x) { return or_empty(xmlTextReaderConstValue(x->reader)); }

int32_t tmk_xml_line(tmk_xml *x) {
    // The node's own line: the parser reads ahead (a small document is parsed to its end before
    // the first node comes back), so the parser's line is where it is, not where the node is.
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    long line = node != NULL ? xmlGetLineNo(node) : -1;
    if (line > 0) return (int32_t)line;
    return x->walkedDoc != NULL ? 0 : xmlTextReaderGetParserLineNumber(x->reader);
}

int32_t tmk_xml_column(tmk_xml *x) {
    // libxml2 keeps no column on nodes; the parser's column is only near the node when the parser
    // is still on the node's line (it has read ahead otherwise). 0 means unknown.
    if (x->walkedDoc != NULL) return 0;
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    if (node != NULL && xmlGetLineNo(node) != xmlTextReaderGetParserLineNumber(x->reader)) return 0;
    return xmlTextReaderGetParserColumnNumber(x->reader);
}

int32_t tmk_xml_attribute_count(tmk_xml *x) {
    if (xmlTextReaderNodeType(x->reader) != XML_READER_TYPE_ELEMENT) return 0;
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    if (node == NULL) return 0;
    int32_t n = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) n++;
    for (xmlNsPtr ns = node->nsDef; ns != NULL; ns = ns->next) n++;
    return n;
}

// Attribute values are read from the node in place; libxml2 keeps a plain attribute's value in a
// single text child, so no copy is needed. Namespace declarations come last, as "xmlns[:p]".
int32_t tmk_xml_attribute_at(tmk_xml *x, int32_t index, const char **name, const char **value) {
    static __thread char qualified[512];
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    if (node == NULL || index < 0) return 0;
    int32_t i = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next, i++) {
        if (i != index) continue;
        if (a->ns != NULL && a->ns->prefix != NULL) {
            snprintf(qualified, sizeof(qualified), "%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
            *name = qualified;
        } else {
            *name = (const char *)a->name;
        }
        if (a->children != NULL && a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
            *value = or_empty(a->children->content);
        } else {
            // Several children (entity references in the value): flatten once, keep until next read.
            xmlChar *flat = xmlNodeListGetString(node->doc, a->children, 1);
            static __thread xmlChar *last = NULL;
            if (last) xmlFree(last);
            last = flat;
            *value = or_empty(flat);
        }
        return 1;
    }
    for (xmlNsPtr ns = node->nsDef; ns != NULL; ns = ns->next, i++) {
        if (i != index) continue;
        if (ns->prefix != NULL) {
            snprintf(qualified, sizeof(qualified), "xmlns:%s", (const char *)ns->prefix);
            *name = qualified;
        } else {
            *name = "xmlns";
        }
        *value = or_empty(ns->href);
        return 1;
    }
    return 0;
}
