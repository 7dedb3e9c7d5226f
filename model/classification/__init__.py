"""The classification stage: guideline cues (``lexicon``, ``features``), the scikit-learn estimator
``FindingClassifier`` and the spaCy component that labels a segmented report."""
