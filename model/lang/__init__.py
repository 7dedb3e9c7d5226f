"""Language and document-family data: reviewed word lists and patterns, with where each comes from.

The structure stage (what is a heading, boilerplate, a score line, a letter's address) and the
classification stage (cue words, classifying headings) both import from here, so neither knows
the other and each fact is written once:

- :mod:`.headings`: headings that classify what stands under them (guideline rule 1);
- :mod:`.recommendations`: imperative verbs that open a recommendation;
- :mod:`.framework`: the CQC assessment framework's fixed text: boilerplate sections, score and
  rating lines, theme and quality-statement titles;
- :mod:`.furniture`: the furniture of printed reports and letters: copyright and navigation lines,
  contact details, addresses, salutations and closings, dates, label-value lines;
- :mod:`.english`: closed-class English words the line reader uses (function words, auxiliaries).
"""
