"""Korean surnames as romanised in South and North Korean English copy.

Two lists because the two uses differ in how much a false hit costs:
recognising a closing author credit (``... the streets. Ri Hyon Do``) may use
every surname, even two-letter ones, since the name must stand alone after the
last sentence; splitting a glued word (``LeaderKim Jong Un``) must not touch
English words, so it only uses surnames that are not English word endings.
"""

from __future__ import annotations

GLUE_SURNAMES = frozenset(
    """
    Kim Ri Lee Pak Park Choe Choi Jang Kang Yun Yoon Ryu Hong Mun Moon Sin Shin Jo Cho
    Hwang Hyon Chae Ryang Paek Baek Yang Jon Jeon Chon Chun Son Sohn Kwon Ham Han Ro Roh
    Song Jung Jeong Chung Ahn Lim Rim Oh Nam Seo Yoo Kwak Jin Kye Sim Ju
    """.split()
)
SURNAMES = GLUE_SURNAMES | frozenset(
    """
    Jong An O Ra Un Ko So Im Chu Pyon Tak Ma Yu Kil Won Cha Ho Mo Yom
    """.split()
)
