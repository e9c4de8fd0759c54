package io.livetally.region;

/** Administrative level: 重庆市 (municipality), 区县, 乡镇, 村. */
public enum RegionLevel {
    MUNICIPALITY, DISTRICT, TOWNSHIP, VILLAGE
}
