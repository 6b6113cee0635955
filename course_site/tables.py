"""Tables that a phone can read: on a narrow screen each row of a simple table is shown as a
block, each cell under its column's name (``_static/course.css``).

A four-column table squeezed into 360 px pushes its last column off the screen (hormone
therapy's "Key things to watch"). Stacked, every cell is on screen and says which column it
belongs to. A table is stacked when it is simple: one header row and no cell spanning rows
or columns. It gets the class ``STACKED_CLASS`` and each of its body cells the text of its
column's header, written as ``data-label`` by a replacement of the HTML translator's
visitor for table cells (docutils cannot write other attributes). Any other table keeps
the theme's scrolling container.
"""

from __future__ import annotations

from docutils import nodes

STACKED_CLASS = "course-stacked-table"
LABEL = "course_column_label"  # the cell's column header, set below, written as data-label


def _header_labels(tgroup: nodes.tgroup) -> list[str] | None:
    """Each column's header text, or None when the table is not simple enough to stack."""
    heads = [child for child in tgroup.children if isinstance(child, nodes.thead)]
    bodies = [child for child in tgroup.children if isinstance(child, nodes.tbody)]
    if len(heads) != 1 or len(heads[0].children) != 1 or len(bodies) != 1:
        return None
    if any("morerows" in entry or "morecols" in entry for entry in tgroup.findall(nodes.entry)):
        return None
    columns = [child for child in tgroup.children if isinstance(child, nodes.colspec)]
    labels = [" ".join(entry.astext().split()) for entry in heads[0][0].children]
    if len(labels) != len(columns) or not any(labels):  # a row-name column may have no header
        return None
    if any(len(row.children) != len(labels) for row in bodies[0].children):
        return None
    return labels


def label_simple_tables(app, doctree, docname) -> None:
    for table in doctree.findall(nodes.table):
        groups = [child for child in table.children if isinstance(child, nodes.tgroup)]
        labels = _header_labels(groups[0]) if len(groups) == 1 else None
        if labels is None:
            continue
        table["classes"].append(STACKED_CLASS)
        for row in next(groups[0].findall(nodes.tbody)).children:
            for entry, label in zip(row.children, labels):
                entry[LABEL] = label


def visit_entry(self, node) -> None:
    """docutils 0.21's ``visit_entry`` (HTML5 writer), writing the cell's column label."""
    atts = {"classes": []}
    if isinstance(node.parent.parent, nodes.thead):
        atts["classes"].append("head")
    if node.parent.parent.parent.stubs[node.parent.column]:
        atts["classes"].append("stub")
    tagname = "th" if atts["classes"] else "td"
    node.parent.column += 1
    if "morerows" in node:
        atts["rowspan"] = node["morerows"] + 1
    if "morecols" in node:
        atts["colspan"] = node["morecols"] + 1
        node.parent.column += node["morecols"]
    if node.get(LABEL):
        atts["data-label"] = node[LABEL]  # escaped by starttag
    self.body.append(self.starttag(node, tagname, "", **atts))
    self.context.append(f"</{tagname}>\n")


def depart_entry(self, node) -> None:
    self.body.append(self.context.pop())


def setup(app) -> None:
    app.add_node(nodes.entry, override=True, html=(visit_entry, depart_entry))
    app.connect("doctree-resolved", label_simple_tables)
