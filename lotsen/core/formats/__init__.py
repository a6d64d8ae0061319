"""Date and number formats per language, where Django's own do not suit the portal
(``FORMAT_MODULE_PATH``); German uses Django's."""
