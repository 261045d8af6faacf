package enr4j.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("enr4j");
    }
}
