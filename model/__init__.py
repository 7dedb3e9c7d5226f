"""The runtime pipeline, one subpackage per stage, in the order a report flows through them:

    reading -> structure -> sentences -> classification, with persistence for model folders.
"""
