// Only here so that SwiftPM runs `pkg-config libxml-2.0` and passes libxml2's flags to CLibXML.
