"""Rule files: admins extend them without code; mistakes are located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers import Classifier, RuleError


def write(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_an_extra_rule_file_adds_a_phrase(tmp_path: Path) -> None:
    extra = write(tmp_path, """
[[rules]]
id = "join.pledges"
action = "joined"
pattern = '{AUX}pledg(?:es|ed) allegiance to {TARGET}'
""")
    text = "Lumenstack pledged allegiance to OpenStack."
    assert not Classifier().classify(text).flagged
    verdict = Classifier(extra_rule_files=[extra]).classify(text)
    assert [(e.company, e.rule) for e in verdict.events] == [("Lumenstack", "join.pledges")]


def test_an_extra_file_adds_aliases_and_can_disable_rules(tmp_path: Path) -> None:
    extra = write(tmp_path, """
disabled = ["join.bandwagon"]

[[companies]]
name = "Lumen Stack"
aliases = ["LumenStack Holdings"]
""")
    classifier = Classifier(extra_rule_files=[extra])
    joined = classifier.classify("LumenStack Holdings has joined OpenStack.")
    assert [e.company for e in joined.events] == ["Lumen Stack"]
    assert not classifier.classify("Lumen Stack jumped on the OpenStack bandwagon.").flagged


def test_targets_are_configurable() -> None:
    cncf = Classifier(targets=["Kubernetes", "the Cloud Native Computing Foundation"])
    verdict = cncf.classify("Lumenstack has joined the Cloud Native Computing Foundation.")
    assert [(e.company, e.action) for e in verdict.events] == [("Lumenstack", "joined")]
    assert not cncf.classify("Lumenstack has joined the OpenStack Foundation.").flagged


@pytest.mark.parametrize(("text", "message"), [
    ("[[rules]]\nid = 'x'\naction = 'joined'\npattern = 'joins (OpenStack'\n",
     "extra.toml:4: rules[0].pattern: missing ), unterminated subpattern"),
    ("[[rules]]\nid = 'x'\naction = 'joined'\npattern = 'joins) {TARGET}'\n",
     "extra.toml:4: rules[0].pattern: unbalanced parenthesis"),
    ("[[rules]]\nid = 'a'\naction = 'joined'\npattern = 'a {TARGET}'\n\n"
     "[[rules]]\nid = 'b'\naction = 'joined'\n\npattern = '{NOPE} {TARGET}'\n",
     "extra.toml:10: rules[1].pattern: unknown macro {NOPE}"),
    ("[[rules]]\nid = 'x'\naction = 'joins'\npattern = 'a'\n",
     "extra.toml:3: rules[0].action: must be one of joined, left"),
    ("[[rules]]\nid = 'x'\naction = 'left'\npattern = 'a'\nconfidnce = 0.5\n",
     "extra.toml:5: rules[0].confidnce: unknown key"),
    ("[[rules]]\nid = 'join.verb'\naction = 'left'\npattern = 'a'\n",
     "extra.toml:4: rules[0].pattern: duplicate id 'join.verb'"),
    ("[[vetoes]]\nid = 'v'\nreason = 'r'\nscope = 'everywhere'\npattern = 'a'\n",
     "extra.toml:4: vetoes[0].scope: must be one of"),
    ("disabled = ['join.nothing']\n", "extra.toml:1: disabled: unknown rule or veto id"),
    ("[words]\nfavourite_words = ['a']\n", "extra.toml:2: words.favourite_words: unknown word"),
    ("[[rules]\nid = 'x'\n", "extra.toml:1: invalid TOML"),
])
def test_a_bad_rule_file_is_a_located_error(tmp_path: Path, text: str, message: str) -> None:
    extra = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        Classifier(extra_rule_files=[extra])
    assert str(caught.value).startswith(str(tmp_path / message.split(":")[0]))
    assert message.split(":", 1)[1] in str(caught.value)


def test_a_missing_rule_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read rule file"):
        Classifier(extra_rule_files=[tmp_path / "absent.toml"])


def test_an_extra_file_extends_a_cue_list(tmp_path: Path) -> None:
    extra = write(tmp_path, """
[cues]
ENTRY = ["hitch~ (?:its|their) wagon to"]
""")
    text = "Lumenstack hitched its wagon to the OpenStack Foundation."
    assert not Classifier().classify(text).flagged
    verdict = Classifier(extra_rule_files=[extra]).classify(text)
    assert [(e.company, e.action) for e in verdict.events] == [("Lumenstack", "joined")]


def test_a_rule_keyword_may_name_a_cue_list(tmp_path: Path) -> None:
    extra = write(tmp_path, """
[cues]
PLEDGE = ["pledge~ allegiance to"]

[[rules]]
id = "join.pledges"
action = "joined"
keywords = ["{PLEDGE}"]
pattern = '{AUX}{PLEDGE}\\s+{TARGET}'
""")
    classifier = Classifier(extra_rule_files=[extra])
    rule = next(r for r in classifier.rules.rules if r.id == "join.pledges")
    assert rule.keywords == ("allegiance",)  # the longest word every match contains
    verdict = classifier.classify("Lumenstack is pledging allegiance to OpenStack.")
    assert [e.company for e in verdict.events] == ["Lumenstack"]


def test_a_rule_cue_must_be_found_in_its_window(tmp_path: Path) -> None:
    extra = write(tmp_path, """
disabled = ["join.state-recent"]

[[rules]]
id = "join.is-gold"
action = "joined"
cue = '\\bthis\\s+week\\b'
cue_scope = "sentence"
pattern = '{AUX}is\\s+a\\s+gold\\s+member\\s+of\\s+{TARGET}'
""")
    classifier = Classifier(extra_rule_files=[extra])
    assert not classifier.classify("Lumenstack is a Gold member of OpenStack.").flagged
    assert classifier.classify("This week Lumenstack is a Gold member of OpenStack.").flagged


def test_a_veto_stands_down_when_its_unless_matches(tmp_path: Path) -> None:
    extra = write(tmp_path, """
[[vetoes]]
id = "veto.tuesdays"
reason = "test"
scope = "sentence"
pattern = 'tuesday'
unless = 'gold'
unless_scope = "rest"
""")
    classifier = Classifier(extra_rule_files=[extra])
    assert not classifier.classify("On Tuesday Lumenstack joined OpenStack.").flagged
    assert classifier.classify("On Tuesday Lumenstack joined OpenStack as a Gold member.").flagged


@pytest.mark.parametrize(("text", "message"), [
    ("[cues]\nENTRY = ['enlist~ (in']\n", "extra.toml:2: cues.ENTRY: missing ), unterminated"),
    ("[cues]\nentry = ['enlist~ in']\n", "extra.toml:2: cues.entry: cue list names are UPPER_CASE"),
    ("[cues]\nAUX = ['now']\n", "extra.toml:2: cues.AUX: cue list AUX has the name of a macro"),
    ("[cues]\nENTRY = 'enlist~ in'\n", "extra.toml:2: cues.ENTRY: must be a list of non-empty"),
    ("[[rules]]\nid = 'x'\naction = 'joined'\nkeywords = ['{NOPE}']\npattern = 'a'\n",
     "extra.toml:5: rules[0].pattern: keyword {NOPE} names no cue list"),
    ("[[rules]]\nid = 'x'\naction = 'joined'\npattern = 'a'\ncue_scope = 'nowhere'\n",
     "extra.toml:5: rules[0].cue_scope: must be one of"),
    ("[[vetoes]]\nid = 'v'\nreason = 'r'\nscope = 'gap'\npattern = 'a'\nunless = '('\n",
     "extra.toml:5: vetoes[0].unless: missing ), unterminated"),
    ("[[rules]]\nid = 'x'\naction = 'joined'\npattern = 'a'\nrequires_scope = 'page'\n",
     "extra.toml:5: rules[0].requires_scope: must be one of near, heading"),
    ("[[vetoes]]\nid = 'v'\nreason = 'r'\nscope = 'gap'\npattern = 'a'\n"
     "unless_this_year = 'yes'\n", "extra.toml:6: vetoes[0].unless_this_year: must be true or"),
])
def test_a_bad_cue_or_new_key_is_a_located_error(tmp_path: Path, text: str,
                                                  message: str) -> None:
    extra = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        Classifier(extra_rule_files=[extra])
    assert message.split(":", 1)[1] in str(caught.value)


def test_the_keyword_index_picks_gated_rules_in_rule_order(tmp_path: Path) -> None:
    extra = write(tmp_path, """
[[rules]]
id = "join.zz-first"
action = "joined"
keywords = ["pledg"]
pattern = 'pledged'

[[rules]]
id = "join.zz-ungated"
action = "joined"
pattern = 'vowed'
""")
    rules = Classifier(extra_rule_files=[extra]).rules
    picked = [r.id for r in rules.gated("acme pledged to join")]
    every = [r.id for r in rules.rules]
    assert "join.zz-first" in picked and "join.zz-ungated" in picked
    assert "leave.verb" not in picked and "join.verb" in picked
    assert picked == [i for i in every if i in picked]
    assert "join.zz-first" not in [r.id for r in rules.gated("acme vowed to join")]


def test_the_keyword_automaton_finds_exactly_the_keywords_a_substring_test_finds() -> None:
    """Overlapping and nested keywords included ('welcom' holds 'com', 'membership' holds
    'member'): the gate must never lose a keyword the plain substring test would see."""
    rules = Classifier().rules
    texts = [
        "acme is welcomed as the newest member; its membership comes with a board seat.",
        "what company quits? the red hat team cut ties - and drops out \u2014 of openstack",
        "nothing to see here",
        "",
    ]
    for text in texts:
        assert rules.keywords_in(text) == frozenset(k for k in rules.keywords if k in text)
    assert {"welcom", "com", "member"} <= rules.keywords_in(texts[0])
