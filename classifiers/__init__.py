"""Pure membership classifier: article text in, verdict out.

No network, no database, no clock. `classify(text, title=None)` is the whole
public surface most callers need; `Classifier` lets the bot configure target
names and extra rule files once and reuse the compiled rules.
"""
