"""The staged rules: today's layout rules as separate stages with named thresholds.

Each function looks at the named features of one line or block (:mod:`.features`) and returns its
decision and the name of the rule that made it; the first rule that applies decides. The rules
are an engine of their own (:class:`.layout.StagedRules`) and also features of the line model,
which learns where to follow them and where not to.
"""
from __future__ import annotations

#: A neighbourhood with at least this share of full lines is hard-wrapped text.
WRAPPED_SHARE = 0.5
#: A heading has at most this many words ...
HEADING_MAX_WORDS = 15
#: ... a question heading ("What went well?") at most this many, a label heading ("Challenges:")
#: at most this many.
QUESTION_MAX_WORDS = 8
LABEL_MAX_WORDS = 2
#: The rule that starts a block at a lower-case line of unwrapped text.
UNWRAPPED_LOWER = "rules:lower-case-line-in-unwrapped-text"


def boundary(f: dict) -> tuple[bool, str]:
    """(the line continues the block above, rule) from the line's boundary features."""
    if f["prev_hard_break"]:
        return False, "rules:hard-break"
    if f["cur_bullet"] or f["cur_number"]:
        return False, "rules:list-marker"  # a wrapped sentence does not go on with "2. " at a line start
    wrapped = f["wrapped"] >= WRAPPED_SHARE
    if f["cur_dash"]:
        if wrapped and not f["fits"] and not f["prev_terminal"]:
            return True, "rules:marker-inside-wrapped-line"
        return False, "rules:list-marker"
    if f["cur_lower"]:
        if (f["prev_colon"] or f["prev_semicolon"]) and f["fits"]:
            return False, "rules:item-after-colon"  # "... the team explored:" / "social care assessments;"
        if f["unwrapped_here"] and not (f["prev_hyphen"] or f["prev_function_word"]):
            # a line longer than any hard wrap is a block of its own, and so is a line after one:
            # one list item per line, copied from a browser without its markers
            return False, UNWRAPPED_LOWER
        if f["prev_sentence_end"]:
            return False, "rules:lower-case-after-sentence-end"  # "... the budget faced." / "work closely ..."
        if wrapped and f["prev_roomy"] and not (f["prev_hyphen"] or f["prev_function_word"] or f["prev_comma"]):
            return False, "rules:lower-case-after-short-wrapped-line"  # the line was broken on purpose
        return True, "rules:lower-case-start"
    if f["prev_function_word"] and not f["prev_hyphen"] and f["prev_long"] and f["cur_upper"]:
        # a line longer than any hard wrap was not cut by wrapping: a sentence may end "... they care for"
        return False, "rules:capital-after-unwrapped-line"
    if f["prev_hyphen"] or f["prev_function_word"]:
        return True, "rules:cut-after-function-word"
    if f["hanging"]:
        return True, "rules:hanging-indent"
    if wrapped:
        return (not f["fits"]), ("rules:wrapped-full-line" if not f["fits"] else "rules:wrapped-line-ended-early")
    if f["prev_short_title"] and f["fits"]:
        return False, "rules:after-title"
    return False, "rules:one-line-per-block"


def kind(f: dict) -> tuple[str, str]:
    """("heading" | "para" | "item", rule) from a block's kind features."""
    words = f["n_words"]
    if f["bullet"] or f["dash"] or f["number"]:
        return "item", "rules:list-marker"
    if f["question"] and words <= QUESTION_MAX_WORDS and f["first_upper"]:
        return "heading", "rules:question-title"
    if f["colon"] and words <= LABEL_MAX_WORDS:
        return "heading", "rules:label-title"
    alone = f["blank_before"] and f["blank_after"]
    if f["all_caps"] and words <= LABEL_MAX_WORDS * 4 and not f["terminal"]:
        return "heading", "rules:capitals-title"
    listed = f["prev_colon"] or (
        f["prev_item"] and (f["semicolon"] or f["comma"] or f["next_short"] or f["prev_semicolon"] or f["prev_comma"])
    )  # an item that ends in "," or ";" has more items after it
    if not alone and (not f["terminal"] or f["prev_semicolon"]) and listed and words <= HEADING_MAX_WORDS * 2:
        return "item", "rules:item-after-lead-in"  # one line per list item, the markers lost
    if not alone and f["aux"] and not f["terminal"] and not f["question"]:
        return "para", "rules:clause-not-title"  # "Levels of smoking are better than average"
    if (
        words <= HEADING_MAX_WORDS
        and not (f["terminal"] or f["semicolon"] or f["comma"] or f["colon"] or f["dash_end"])
        and (f["first_upper"] or f["first_digit"])
        and not f["function_word_end"]
    ):
        return "heading", "rules:short-title"
    return "para", "rules:paragraph"
