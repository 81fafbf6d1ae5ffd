"""Model backends behind one small interface.

Importing this package is cheap: openai and llama_cpp are imported only by the backend that needs them.
"""
