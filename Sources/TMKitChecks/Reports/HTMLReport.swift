import TMKitText

/// A self-contained bilingual HTML report: source and translation side by side, each finding's
/// span highlighted, the findings beside their pair, and filters by severity and check (also set
/// from the address: `report.html#severity=error&check=numbers.mismatch&all=1`).
///
/// One file, no external resources, no network: it can be attached to a CI run or mailed. Pairs
/// without findings are included (hidden until "all segments" is ticked) up to `contextLimit`
/// pairs; beyond that only pairs with findings are written, and the header says so.
public struct HTMLReport {
    public var contextLimit: Int

    public init(contextLimit: Int = 5000) {
        self.contextLimit = contextLimit
    }

    public func write(_ result: CheckResult, input: CheckInput, pairs: [SegmentPair], to sink: OutputSink) throws {
        var byPair: [Int: [Finding]] = [:]
        for finding in result.findings { byPair[finding.pairIndex, default: []].append(finding) }
        let includeAll = pairs.count <= contextLimit
        let positions = SourcePositions()
        let checkIDs = CheckRegistry.descriptors.map(\.id).filter { id in result.findings.contains { $0.check == id } }
        let title = "tmkit check: \(input.sourceName) → \(input.targetName)"

        try sink.write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="tmkit check (report schema \(JSONReport.schemaVersion))">
        <title>\(HTML.escape(title))</title>
        <style>\(Self.style)</style></head>
        <body data-pairs="\(pairs.count)">
        <header><h1>\(HTML.escape(title))</h1>
        <p class="summary">\(HTML.escape(TextReport.summary(result))) · \(HTML.escape(input.sourceLanguage.englishName)) → \(HTML.escape(input.targetLanguage.englishName))\(includeAll ? "" : " · only pairs with findings are listed (\(pairs.count) pairs in all)")</p>
        <form id="filters" onsubmit="return false">
        <fieldset><legend>Severity</legend>
        """)
        for severity in [Severity.error, .warning, .info] {
            let count = result.count(severity)
            try sink.write("<label class=\"sev-\(severity.rawValue)\"><input type=\"checkbox\" name=\"severity\" value=\"\(severity.rawValue)\" checked> \(severity.rawValue) <span class=\"count\">\(count)</span></label>\n")
        }
        try sink.write("</fieldset>\n<fieldset><legend>Check</legend>\n")
        for id in checkIDs {
            let count = result.findings.reduce(0) { $0 + ($1.check == id ? 1 : 0) }
            try sink.write("<label><input type=\"checkbox\" name=\"check\" value=\"\(HTML.escape(id))\" checked> \(HTML.escape(id)) <span class=\"count\">\(count)</span></label>\n")
        }
        try sink.write("""
        </fieldset>
        <fieldset><legend>Show</legend><label><input type="checkbox" name="all" value="1"> all segments</label></fieldset>
        <p class="visible">Showing <span id="visible-count">0</span> of <span id="total-count">\(pairs.count)</span> pairs</p>
        </form></header>
        <main><table id="pairs"><thead><tr><th>#</th><th lang="\(input.sourceLanguage.identifier)">\(HTML.escape(input.sourceName))</th><th lang="\(input.targetLanguage.identifier)">\(HTML.escape(input.targetName))</th><th>Findings</th></tr></thead><tbody>

        """)
        for pair in pairs {
            let findings = byPair[pair.index] ?? []
            if findings.isEmpty && !includeAll { continue }
            try sink.write(row(pair, findings, input: input, positions: positions))
        }
        try sink.write("</tbody></table>\n<p id=\"empty\" hidden>No pair matches the filters.</p></main>\n<script>\(Self.script)</script>\n</body></html>\n")
    }

    private func row(_ pair: SegmentPair, _ findings: [Finding], input: CheckInput, positions: SourcePositions) -> String {
        let severities = Set(findings.map(\.severity.rawValue)).sorted().joined(separator: " ")
        let worst = findings.map(\.severity).max()
        var out = "<tr class=\"pair\(worst.map { " worst-\($0.rawValue)" } ?? "")\" id=\"pair-\(pair.index + 1)\" data-findings=\"\(findings.count)\" data-severities=\"\(severities)\">"
        // The line of the segment itself (a Markdown block's location is the block's first line).
        let number: String
        if let location = pair.targetLocation, !pair.target.isEmpty {
            let first = pair.targetParts.first
            number = "\(positions.position(of: nil, in: first.map { pair.target.utf8Slice($0.range) } ?? pair.target, at: first?.location ?? location).line)"
        } else if let location = pair.sourceLocation {
            let first = pair.sourceParts.first
            number = "\(positions.position(of: nil, in: first.map { pair.source.utf8Slice($0.range) } ?? pair.source, at: first?.location ?? location).line)"
        } else {
            number = "\(pair.index + 1)"
        }
        out += "<td class=\"n\" title=\"pair \(pair.index + 1)\">\(number)</td>"
        out += "<td class=\"src\" lang=\"\(input.sourceLanguage.identifier)\">\(Self.highlighted(pair.source, findings.compactMap { f in f.sourceSpan.map { ($0, f) } }))</td>"
        out += "<td class=\"tgt\" lang=\"\(input.targetLanguage.identifier)\">\(pair.target.isEmpty ? "<span class=\"none\">(none)</span>" : Self.highlighted(pair.target, findings.compactMap { f in f.targetSpan.map { ($0, f) } }))</td>"
        out += "<td class=\"f\"><ul>"
        for f in findings {
            out += "<li class=\"finding sev-\(f.severity.rawValue)\" data-check=\"\(HTML.escape(f.check))\" data-severity=\"\(f.severity.rawValue)\" data-signature=\"\(f.signature)\">"
            out += "<span class=\"sev\">\(f.severity.rawValue)</span> <code>\(HTML.escape(f.check))</code> \(HTML.escape(f.message))"
            out += " <span class=\"sig\" title=\"signature for the ignore list\">\(f.signature)</span></li>"
        }
        return out + "</ul></td></tr>\n"
    }

    /// The text, HTML-escaped, with the given spans (UTF-8 offsets) wrapped in `<mark>`; overlapping
    /// spans are merged.
    static func highlighted(_ text: String, _ spans: [(Range<Int>, Finding)]) -> String {
        let bytes = Array(text.utf8)
        let valid = spans.filter { $0.0.lowerBound >= 0 && $0.0.upperBound <= bytes.count && !$0.0.isEmpty }
            .sorted { $0.0.lowerBound < $1.0.lowerBound }
        var merged: [(range: Range<Int>, checks: [String], severity: Severity)] = []
        for (range, finding) in valid {
            if let last = merged.last, range.lowerBound < last.range.upperBound {
                merged[merged.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, range.upperBound)
                merged[merged.count - 1].checks.append(finding.check)
                merged[merged.count - 1].severity = max(last.severity, finding.severity)
            } else {
                merged.append((range, [finding.check], finding.severity))
            }
        }
        var out = ""
        var position = 0
        for m in merged {
            out += HTML.escape(String(decoding: bytes[position..<m.range.lowerBound], as: UTF8.self))
            let checks = Array(Set(m.checks)).sorted().joined(separator: " ")
            out += "<mark class=\"sev-\(m.severity.rawValue)\" data-checks=\"\(HTML.escape(checks))\" title=\"\(HTML.escape(checks))\">"
            out += HTML.escape(String(decoding: bytes[m.range], as: UTF8.self)) + "</mark>"
            position = m.range.upperBound
        }
        return out + HTML.escape(String(decoding: bytes[position...], as: UTF8.self))
    }

    static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Noto Sans","Noto Sans CJK KR","Malgun Gothic",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
    header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;z-index:1}
    h1{font-size:16px;margin:0 0 4px}.summary{margin:0 0 6px;color:#555}
    td{word-break:keep-all;overflow-wrap:anywhere}
    fieldset{display:inline-block;border:1px solid #ddd;border-radius:6px;margin:0 8px 4px 0;padding:2px 8px}
    legend{font-size:12px;color:#666}label{margin-right:10px;white-space:nowrap}.count{color:#888;font-size:12px}
    .visible{margin:2px 0;color:#555;font-size:12px}
    table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top;text-align:left}
    th{background:#f0f0f0;font-weight:600}th:first-child,td.n{width:3em;color:#888;font-size:12px}th:last-child{width:32%}
    tr.worst-error td.n{border-left:4px solid #d70015}tr.worst-warning td.n{border-left:4px solid #c77c00}tr.worst-info td.n{border-left:4px solid #0071a4}
    mark{border-radius:3px;padding:0 1px}mark.sev-error{background:#ffd0d4}mark.sev-warning{background:#ffe8b3}mark.sev-info{background:#d6ecfa}
    ul{margin:0;padding-left:0;list-style:none}li.finding{margin-bottom:4px}
    .sev{font-size:11px;font-weight:700;text-transform:uppercase;border-radius:3px;padding:0 4px;color:#fff}
    .sev-error .sev{background:#d70015}.sev-warning .sev{background:#c77c00}.sev-info .sev{background:#0071a4}
    code{font-size:12px;color:#444}.sig{font:11px monospace;color:#aaa}.none{color:#aaa;font-style:italic}
    [hidden]{display:none!important}
    """

    /// Applies the filters to findings and rows, and keeps them in the address (#severity=…&check=…&all=1).
    static let script = """
    (function(){
    var form=document.getElementById('filters');
    function boxes(name){return Array.prototype.slice.call(form.querySelectorAll('input[name="'+name+'"]'));}
    function fromHash(){
      var h=location.hash.replace(/^#/,'');if(!h)return;
      var p={};h.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0)p[decodeURIComponent(kv.slice(0,i))]=decodeURIComponent(kv.slice(i+1));});
      ['severity','check'].forEach(function(n){if(p[n]!==undefined){var on=p[n].split(',');boxes(n).forEach(function(b){b.checked=on.indexOf(b.value)>=0;});}});
      if(p.all!==undefined)boxes('all')[0].checked=p.all==='1';
    }
    function chosen(n){var s={};boxes(n).forEach(function(b){if(b.checked)s[b.value]=true;});return s;}
    function apply(){
      var sev=chosen('severity'),chk=chosen('check'),all=boxes('all')[0].checked,shown=0;
      document.querySelectorAll('tr.pair').forEach(function(tr){
        var any=false;
        tr.querySelectorAll('li.finding').forEach(function(li){var on=!!(sev[li.dataset.severity]&&chk[li.dataset.check]);li.hidden=!on;if(on)any=true;});
        var visible=any||(all&&tr.dataset.findings==='0');
        tr.hidden=!visible;if(visible)shown++;
      });
      document.getElementById('visible-count').textContent=shown;
      document.body.setAttribute('data-visible',shown);
      document.getElementById('empty').hidden=shown>0;
    }
    function toHash(){
      var parts=['severity','check'].map(function(n){return n+'='+boxes(n).filter(function(b){return b.checked;}).map(function(b){return encodeURIComponent(b.value);}).join(',');});
      parts.push('all='+(boxes('all')[0].checked?'1':'0'));
      history.replaceState(null,'','#'+parts.join('&'));
    }
    form.addEventListener('change',function(){apply();toHash();});
    window.addEventListener('hashchange',function(){fromHash();apply();});
    fromHash();apply();
    })();
    """
}
