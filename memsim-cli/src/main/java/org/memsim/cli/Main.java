package org.memsim.cli;
/** temp */
public final class Main { public static void main(String[] a) { System.out.println("hi"); } }
