"""`caselint rules` (every rule in a table) and `caselint rule CODE` (one rule explained)."""

from __future__ import annotations

import click

from caselint.cli.common import fail


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(output_format):
    """List every rule: code, name, category, severity, fixable."""
    from caselint.rules.registry import all_rules

    rules = all_rules()
    if output_format == "json":
        import json

        click.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "FIXABLE", "SUMMARY")]
    rows += [(r.code, r.name, r.category, r.severity.label, r.fixable, r.summary) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])


def _rule_dict(r) -> dict:
    return {
        "code": r.code,
        "name": r.name,
        "category": r.category,
        "severity": r.severity.label,
        "fixable": r.fixable,
        "summary": r.summary,
        "explanation": r.explanation,
        "bad": list(r.bad),
        "good": list(r.good),
        "options": dict(r.options),
    }


@click.command("rule")
@click.argument("code")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule_cmd(code, output_format):
    """Explain one rule (by code or name), with bad and good examples."""
    from caselint.rules.registry import get_rule

    rule = get_rule(code)
    if rule is None:
        fail(f"unknown rule {code!r} (see `caselint rules`)")
    if output_format == "json":
        import json

        click.echo(json.dumps(_rule_dict(rule), indent=2))
        return
    click.echo(render_rule_markdown(rule))


def render_rule_markdown(rule) -> str:
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"Category: {rule.category} · default severity: {rule.severity.label} · fixable: {rule.fixable}",
        "",
        rule.summary + ".",
        "",
        "## Why it matters",
        "",
        rule.explanation,
        "",
        "## Bad",
        "",
        *[f"    {b}" for b in rule.bad],
        "",
        "## Good",
        "",
        *[f"    {g}" for g in rule.good],
    ]
    if rule.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{k}` (default `{v}`), set under `[tool.caselint.rule-options.{rule.code}]`"
                  for k, v in rule.options.items()]
    return "\n".join(lines) + "\n"
